using Xunit.Abstractions;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.EngineKeys;

/// <summary>
/// skipACL, digest.enabled and fsync.warningthresholdms, Java 3.8.0 and ZkCompat side by side with the
/// same zoo.cfg lines: the same outcome on both. clients/engine_keys.py makes the requests.
/// </summary>
public sealed class EngineKeyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(20);
    private const int LogChars = 15_000;

    /// <summary>
    /// Every ACL-checked request of a client without auth on nodes only alice may use: with
    /// skipACL=yes all pass (getACL unmasked, /zookeeper/config writable, ACLs still validated);
    /// skipACL=true is not "yes" to Java, so everything is checked. Both servers answer line for line alike.
    /// </summary>
    [Theory]
    [InlineData("yes", "getData OK b'x'")]
    [InlineData("true", "getData NoAuthError")]
    public async Task SkipAcl_EveryRequest_AnswersAsJava(string value, string expectedLine)
    {
        var options = new ServerStartOptions { ExtraConfigLines = [$"skipACL={value}"] };
        var (java, zkcompat) = await StartBothAsync(options);
        await using (java)
        await using (zkcompat)
        {
            var javaLines = Probes(await RunAsync(java, "acl"));
            var zkLines = Probes(await RunAsync(zkcompat, "acl"));

            Assert.Equal(16, javaLines.Length);
            Assert.Contains("PROBE " + expectedLine, javaLines);
            Assert.Equal(javaLines, zkLines);
        }
    }

    /// <summary>
    /// With digest.enabled=false Java still records every 128th zxid for hash, each with digest 0;
    /// with digests on (the control) the same zxids carry the tree digest.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Hash_ListsEvery128thZxid_WithZerosWhenDigestsAreOff(bool digestEnabled)
    {
        var options = new ServerStartOptions { ExtraConfigLines = ["4lw.commands.whitelist=*", $"digest.enabled={digestEnabled}"] };
        var (java, zkcompat) = await StartBothAsync(options);
        await using (java)
        await using (zkcompat)
        {
            foreach (var server in new[] { java, zkcompat })
            {
                // The session is zxid 1; 299 creates make zxids 2..300.
                await RunAsync(server, "churn", "299");
                var hash = await FourLetterWord.AskAsync(server.Host, server.Port, "hash");
                output.WriteLine($"{server.Name} hash:\n{hash}");
                var lines = hash.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(["80", "100"], lines.Select(l => l.Split(": ")[0]));
                if (digestEnabled)
                    Assert.All(lines, l => Assert.NotEqual("0", l.Split(": ")[1]));
                else
                    Assert.Equal(["80: 0", "100: 0"], lines);
            }
        }
    }

    /// <summary>
    /// fsync.warningthresholdms=-1: every txn log fsync took longer than -1 ms, so each is logged at
    /// WARN in Java's words on both servers (forceSync back on: the Java launcher turns it off).
    /// </summary>
    [Fact]
    public async Task FsyncThresholdMinusOne_EveryFsyncIsWarnedAbout_OnBoth()
    {
        const string warning = "fsync-ing the write ahead log in SyncThread:0 took ";
        var options = new ServerStartOptions { ExtraConfigLines = ["forceSync=yes", "fsync.warningthresholdms=-1"] };
        var (java, zkcompat) = await StartBothAsync(options);
        await using (java)
        await using (zkcompat)
        {
            foreach (var server in new[] { java, zkcompat })
            {
                await RunAsync(server, "churn", "3");
                var process = (ServerProcess)server;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (process.LogCount(warning) < 4 && clock.Elapsed < LogWait)
                    await Task.Delay(50);
                Assert.True(process.LogCount(warning) >= 4, $"'{server.Name}' logged {process.LogCount(warning)} slow-fsync warnings for 4 txns\n{server.Describe(LogChars)}");
                Assert.True(process.LogCount("which will adversely effect operation latency.File size is ") >= 4, server.Describe(LogChars));
            }
        }
    }

    private static string[] Probes(string[] lines) => [.. lines.Where(l => l.StartsWith("PROBE ", StringComparison.Ordinal))];

    private static async Task<(IServerUnderTest Java, IServerUnderTest ZkCompat)> StartBothAsync(ServerStartOptions options)
    {
        var java = ServerUnderTest.StartAsync("java", options);
        var zkcompat = ServerUnderTest.StartAsync("zkcompat", options);
        return (await java, await zkcompat);
    }

    private async Task<string[]> RunAsync(IServerUnderTest server, string command, params string[] args)
    {
        var run = await ClientRun.StartAsync("/usr/bin/python3", "engine_keys.py", [command, server.ConnectString, .. args], ScriptTimeout);
        output.WriteLine($"{server.Name} {command}:\n{run.Output}");
        Assert.True(run.Passed, $"engine_keys.py {command} on '{server.Name}': {run.Describe()}\n{run.Output}\n{server.Describe(LogChars)}");
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
