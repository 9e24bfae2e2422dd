using System.Globalization;
using ZkCompat.Quorum.Config;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Host.Quorum;

/// <summary>Interim: the server.N lines and myid, until ZooCfg parses the quorum keys itself.</summary>
internal static class QuorumConfigReader
{
    public static QuorumConfig? Read(string path, ServerOptions options)
    {
        var members = new List<QuorumMember>();
        int initLimit = 10, syncLimit = 5;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || eq < 0)
                continue;
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (key == "initLimit")
                initLimit = int.Parse(value, CultureInfo.InvariantCulture);
            else if (key == "syncLimit")
                syncLimit = int.Parse(value, CultureInfo.InvariantCulture);
            else if (key.StartsWith("server.", StringComparison.Ordinal))
                members.Add(Member(long.Parse(key[7..], CultureInfo.InvariantCulture), value));
        }

        if (members.Count(m => !m.IsObserver) < 2)
            return null;
        var myid = long.Parse(File.ReadAllLines(Path.Combine(options.DataDir, "myid"))[0].Trim(), CultureInfo.InvariantCulture);
        return new QuorumConfig { MyId = myid, Members = members, TickTimeMs = options.TickTimeMs, InitLimit = initLimit, SyncLimit = syncLimit };
    }

    private static QuorumMember Member(long sid, string value)
    {
        var (address, client) = value.Split(';') is [var a, var c] ? (a, c) : (value, null);
        var parts = address.Split(':');
        var observer = parts.Length > 3 && parts[3] == "observer";
        int? clientPort = client is null ? null : int.Parse(client.Split(':')[^1], CultureInfo.InvariantCulture);
        return new QuorumMember(sid, parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), observer, null, clientPort);
    }
}
