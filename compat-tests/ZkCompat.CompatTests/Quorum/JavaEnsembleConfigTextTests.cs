using System.Buffers.Binary;
using System.Text;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;
using ZkCompat.Server.Host.Config;

namespace ZkCompat.CompatTests.Quorum;

/// <summary>
/// The quorum config text (PROTOCOL.md §9.2) ZkCompat's zoo.cfg parser makes, against what a live
/// Java 3.8.0 ensemble serves in /zookeeper/config for the same zoo.cfg: the text it also sends in
/// FLE notifications and NEWLEADER.
/// </summary>
public sealed class JavaEnsembleConfigTextTests : IDisposable
{
    private readonly List<string> _dataDirs = [];

    [Fact]
    public async Task JavaEnsemble_ServesTheConfigTextWeParse()
    {
        var ports = DistinctFreePorts(9);
        string[] lines =
        [
            "initLimit=10", "syncLimit=5",
            $"server.1=127.0.0.1:{ports[3]}:{ports[6]}",
            $"server.2=localhost:{ports[4]}:{ports[7]};127.0.0.1:{ports[1]}",
            $"server.3=127.0.0.1:{ports[5]}:{ports[8]}:participant;127.0.0.1:{ports[2]}",
        ];
        var launcher = new JavaServerLauncher();
        var servers = new List<ServerProcess>();
        try
        {
            for (var id = 1; id <= 3; id++)
                servers.Add(ServerProcess.Start(launcher, ServerSettings.Default, ports[id - 1], new() { DataDir = DataDirWithMyId(id), ExtraConfigLines = lines }));
            foreach (var (server, id) in servers.Select((s, i) => (s, i + 1)))
            {
                Assert.True(await server.WaitUntilServingAsync(TimeSpan.FromSeconds(60)), server.Describe(4000));
                var zooCfg = ServerSettings.Default.ToZooCfg(server.Port, server.DataDir, launcher.ExtraConfigLines.Concat(lines));
                var ours = ZooCfg.Parse(zooCfg.ReplaceLineEndings("\n").Split('\n'), "/").Config.Quorum!;

                Assert.Equal(id, ours.MyId);
                Assert.Equal(await ReadConfigNodeAsync(server), ours.ConfigText);
            }
        }
        finally
        {
            foreach (var server in servers)
                await server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        foreach (var dir in _dataDirs)
            Directory.Delete(dir, recursive: true);
    }

    private string DataDirWithMyId(int id)
    {
        var dir = Directory.CreateTempSubdirectory("zkcompat-quorum-").FullName;
        _dataDirs.Add(dir);
        File.WriteAllText(Path.Combine(dir, "myid"), $"{id}\n");
        return dir;
    }

    /// <summary>getData("/zookeeper/config") over a raw session: ReplyHeader, then int length + the bytes.</summary>
    private static async Task<string> ReadConfigNodeAsync(ServerProcess server)
    {
        using var client = (await RawZkClient.HandshakeAsync(server.Host, server.Port)).Client;
        await client.SendAsync(Jute.Frame(Jute.RequestHeader(1, 4), Jute.UString("/zookeeper/config"), [0]));
        var reply = await client.ReadFrameAsync();
        Assert.Equal(0, ReplyHeader.Parse(reply).Err);
        var length = BinaryPrimitives.ReadInt32BigEndian(reply.AsSpan(ReplyHeader.Size));
        return Encoding.UTF8.GetString(reply, ReplyHeader.Size + 4, length);
    }

    private static int[] DistinctFreePorts(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count)
            ports.Add(FreePort.Next());
        return [.. ports];
    }
}
