namespace ZkCompat.CompatTests;

/// <summary>Debian's Java zkCli.sh, fed commands on stdin: create/get/set/stat/ls/delete and their errors.</summary>
public sealed class ZkCliTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public Task Session_OutputMatches(string server) =>
        ClientScenario.RunAsync(server, "/bin/bash", "zkcli_session.sh", zk => [zk.ConnectString], Timeout);
}
