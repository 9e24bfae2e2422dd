namespace ZkCompat.CompatTests.Servers;

/// <summary>Starts a named server implementation and waits until it is ready for clients.</summary>
internal static class ServerUnderTest
{
    // A JVM starts in about a second here; the margin is for a busy 2-core machine.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private const int PortAttempts = 3;
    private const int LogCharsInErrors = 20_000;

    /// <summary>The launcher of the implementation called <paramref name="name"/> ("java" or "zkcompat"; see <see cref="StartAsync"/> for "zkcompat-release").</summary>
    public static IServerLauncher Launcher(string name) => name switch
    {
        "java" => new JavaServerLauncher(),
        "zkcompat" => new ZkCompatServerLauncher(),
        _ => throw new ArgumentException($"unknown server '{name}'", nameof(name)),
    };

    /// <summary>Starts "java", "zkcompat" or "zkcompat-release" (the NativeAOT release build, published on first use).</summary>
    public static async Task<IServerUnderTest> StartAsync(string name, ServerStartOptions? options = null)
    {
        var launcher = name == "zkcompat-release" ? new ZkCompatServerLauncher(await ReleaseBuild.ExecutableAsync()) : Launcher(name);
        for (var attempt = 1; ; attempt++)
        {
            var server = ServerProcess.Start(launcher, ServerSettings.Default, Support.FreePort.Next(), options);
            if (await server.WaitUntilServingAsync(ReadyTimeout))
            {
                return server;
            }

            // Another process may have taken the free port before the server bound it.
            var retry = attempt < PortAttempts && server.HasExited && server.LostPortRace;
            var why = server.HasExited ? "exited before it served" : $"did not serve within {ReadyTimeout.TotalSeconds}s";
            var details = server.Describe(LogCharsInErrors);
            await server.DisposeAsync();
            if (!retry)
            {
                throw new InvalidOperationException($"server '{name}' {why} on {server.ConnectString}.\n{details}");
            }
        }
    }
}
