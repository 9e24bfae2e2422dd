using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// The servers of the differential run: one per implementation and shared profile, started on first
/// use and restarted if one died, plus fresh pairs for scenarios that need a pristine tree.
/// </summary>
internal sealed class ServerPool
{
    public const string Java = "java";
    public const string ZkCompat = "zkcompat";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private const int PortAttempts = 3;

    private readonly Dictionary<(string, ServerProfile), ServerProcess> _shared = [];

    /// <summary>Java and ZkCompat for the profile; the caller disposes a Fresh pair.</summary>
    public async Task<(ServerProcess Java, ServerProcess ZkCompat)> GetAsync(ServerProfile profile)
    {
        var java = GetOneAsync(Java, profile);
        var zk = GetOneAsync(ZkCompat, profile);
        return (await java, await zk);
    }

    /// <summary>Stops the shared servers (the fixture's IAsyncLifetime ends the pool, not a Dispose).</summary>
    public async Task StopAllAsync()
    {
        foreach (var server in _shared.Values)
            await server.DisposeAsync();
        _shared.Clear();
    }

    private async Task<ServerProcess> GetOneAsync(string kind, ServerProfile profile)
    {
        if (profile == ServerProfile.Fresh)
            return await StartAsync(kind, profile);
        if (_shared.TryGetValue((kind, profile), out var running) && !running.HasExited)
            return running;
        if (running is not null)
            await running.DisposeAsync();
        var started = await StartAsync(kind, profile);
        _shared[(kind, profile)] = started;
        return started;
    }

    /// <summary>As <see cref="ServerUnderTest.StartAsync"/>, with the profile's configuration.</summary>
    private static async Task<ServerProcess> StartAsync(string kind, ServerProfile profile)
    {
        IServerLauncher launcher = new ProfileLauncher(kind == Java ? new JavaServerLauncher() : new ZkCompatServerLauncher(), profile);
        for (var attempt = 1; ; attempt++)
        {
            var server = ServerProcess.Start(launcher, ServerSettings.Default, Support.FreePort.Next());
            if (await server.WaitUntilServingAsync(ReadyTimeout))
                return server;
            var retry = attempt < PortAttempts && server.HasExited && server.LostPortRace;
            var details = server.Describe(20_000);
            await server.DisposeAsync();
            if (!retry)
                throw new InvalidOperationException($"server '{kind}' ({profile}) did not serve on {server.ConnectString}.\n{details}");
        }
    }
}
