using System.Diagnostics;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// Starts a server as <see cref="ServerUnderTest.StartAsync"/> does, but waits until it serves by asking
/// <c>srvr</c> (Mode: standalone) instead of opening a session. ServerUnderTest's probe session logs a
/// createSession and a closeSession, and a probe attempt that timed out leaves one more session behind
/// that expires later: txns whose number depends on timing, where the Java-tools tests need the same
/// txns under the same zxids on every server.
/// </summary>
internal static class SessionlessStart
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private const int PortAttempts = 3;
    private const int LogCharsInErrors = 20_000;

    public static async Task<IServerUnderTest> StartAsync(string name, ServerStartOptions options)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = ServerProcess.Start(ServerUnderTest.Launcher(name), ServerSettings.Default, FreePort.Next(), options);
            if (await ServingAsync(server))
                return server;

            // Another process may have taken the free port before the server bound it.
            var retry = attempt < PortAttempts && server.HasExited && server.LostPortRace;
            var details = server.Describe(LogCharsInErrors);
            await server.DisposeAsync();
            if (!retry)
                throw new InvalidOperationException($"server '{name}' did not serve on {server.ConnectString} (srvr never said standalone).\n{details}");
        }
    }

    private static async Task<bool> ServingAsync(ServerProcess server)
    {
        var clock = Stopwatch.StartNew();
        while (!server.HasExited && clock.Elapsed < ReadyTimeout)
        {
            // Before it serves, Java answers "not currently serving requests" (no Mode line); ZkCompat does not listen yet.
            if (FourLetterWord.Mode(await FourLetterWord.TryAskAsync(server.Host, server.Port, "srvr")) == "standalone")
                return true;
            await Task.Delay(PollInterval);
        }

        return false;
    }
}
