namespace ZkCompat.CompatTests;

/// <summary>The C client's cli_mt shell, driven through stdin: CRUD, watches and error codes.</summary>
public sealed class CliMtTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public Task Session_OutputMatches(string server) =>
        ClientScenario.RunAsync(server, "/bin/bash", "cli_mt_session.sh", zk => [zk.ConnectString], Timeout);
}
