using System.Buffers.Binary;
using Xunit.Abstractions;
using ZkCompat.CompatTests.Ensemble;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.EngineKeys;

/// <summary>
/// The ensemble log path with fsync.warningthresholdms=-1 and digest.enabled=false on every member of
/// a mixed ensemble, led by Java or by ZkCompat: every member warns about its fsyncs in Java's words
/// (SyncThread:&lt;sid&gt;), no member's txn log carries a TxnDigest, and the trees are equal.
/// </summary>
[Collection(SerialEnsembles.Name)]
public sealed class EnsembleEngineKeyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>The highest sid of the first quorum leads: two members of the leader's kind, sids 2 and 3, and one of the other.</summary>
    [Theory]
    [InlineData("zkcompat", "java")]
    [InlineData("java", "zkcompat")]
    public async Task SlowFsyncWarningsAndDigestFreeLogs_OnEveryMember(string other, string leader)
    {
        await using var ensemble = await EnsembleUnderTest.StartAsync(
            [MemberSpec.Participant(other), MemberSpec.Participant(leader), MemberSpec.Participant(leader)],
            ["forceSync=yes", "fsync.warningthresholdms=-1", "digest.enabled=false"]);
        var elected = await ensemble.LeaderAsync();
        if (elected.Server != leader)
            EnsembleChecks.Fail(ensemble, $"the leader is {elected}, not a {leader} member: the sid steering did not hold", "");

        var run = await ClientRun.StartAsync("/usr/bin/python3", "engine_keys.py", ["churn", ensemble.ConnectString, "20"], Bound);
        if (!run.Passed)
            EnsembleChecks.Fail(ensemble, $"the writes failed: {run.Describe()}", run.Output);

        foreach (var member in ensemble.Members)
        {
            var warning = $"fsync-ing the write ahead log in SyncThread:{member.Id} took ";
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (EnsembleUnderTest.LogCount(member, warning) == 0 && clock.Elapsed < Bound)
                await Task.Delay(50);
            if (EnsembleUnderTest.LogCount(member, warning) == 0)
                EnsembleChecks.Fail(ensemble, $"{member} logged no '{warning}'", "");
        }

        var dumps = new List<IReadOnlyList<string>>();
        // /zookeeper/config is each member's own (its mtime is when that member read its config).
        foreach (var member in ensemble.Members)
            dumps.Add([.. (await ensemble.DumpAsync(member)).Where(l => !l.Contains("\"path\": \"/zookeeper/config\"", StringComparison.Ordinal))]);
        foreach (var (member, dump) in ensemble.Members.Zip(dumps))
        {
            if (TreeDump.Difference(dumps[0], dump, ensemble.Members[0].ToString(), member.ToString()) is { } difference)
                EnsembleChecks.Fail(ensemble, "the members' trees differ", difference);
            var sessions = CreateSessionEntryLengths(member.DataDir);
            output.WriteLine($"{member}: createSession entries of {string.Join(", ", sessions)} bytes");
            // TxnHeader (32 bytes) and CreateSessionTxn (4): 36; a TxnDigest would add 12.
            if (sessions.Count == 0 || sessions.Any(length => length != 36))
                EnsembleChecks.Fail(ensemble, $"{member}'s log has createSession entries of {string.Join(", ", sessions)} bytes; 36 is one without a TxnDigest", "");
        }
    }

    /// <summary>The lengths of every createSession (type -10) entry in the member's txn logs (PROTOCOL.md §12.2).</summary>
    private static List<int> CreateSessionEntryLengths(string dataDir)
    {
        var lengths = new List<int>();
        foreach (var path in Directory.GetFiles(Path.Combine(dataDir, "version-2"), "log.*"))
        {
            var bytes = File.ReadAllBytes(path);
            var offset = 16;
            while (offset + 12 <= bytes.Length)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset + 8));
                if (length <= 0 || offset + 12 + length > bytes.Length)
                    break;
                if (length >= 32 && BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset + 12 + 28)) == -10)
                    lengths.Add(length);
                offset += 12 + length + 1;
            }
        }

        return lengths;
    }
}
