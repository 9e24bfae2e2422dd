using System.Net.Http;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Ops;

/// <summary>
/// Java 3.8.0 and ZkCompat side by side, each with every four-letter word whitelisted, its
/// AdminServer on, and a kazoo session holding nodes, an ephemeral and watches.
/// </summary>
public sealed class OpsServers : IAsyncLifetime
{
    private static readonly TimeSpan s_ready = TimeSpan.FromSeconds(60);
    private readonly List<IAsyncDisposable> _owned = [];

    internal Dictionary<string, (ServerProcess Server, Uri Admin, long SessionId)> ByName { get; } = [];

    public async Task InitializeAsync()
    {
        await StartAsync("java", new AdminJavaLauncher());
        await StartAsync("zkcompat", new ZkCompatServerLauncher());
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
            await owned.DisposeAsync();
    }

    private async Task StartAsync(string name, IServerLauncher launcher)
    {
        var adminPort = FreePort.Next();
        var options = new ServerStartOptions
        {
            ExtraConfigLines = ["4lw.commands.whitelist=*", "admin.enableServer=true", "admin.serverAddress=127.0.0.1", $"admin.serverPort={adminPort}"],
        };
        var server = ServerProcess.Start(launcher, ServerSettings.Default, FreePort.Next(), options);
        _owned.Add(server);
        if (!await server.WaitUntilServingAsync(s_ready))
            throw new InvalidOperationException($"{name} did not serve.\n{server.Describe(20_000)}");
        var admin = new Uri($"http://127.0.0.1:{adminPort}/commands/");
        await WaitForAdminAsync(admin, server);
        var holder = await SessionHolder.StartAsync(server.ConnectString);
        _owned.Add(holder);
        ByName[name] = (server, admin, holder.SessionId);
    }

    /// <summary>Jetty may start a moment after the client port serves; poll, bounded.</summary>
    private static async Task WaitForAdminAsync(Uri admin, ServerProcess server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await http.GetStringAsync(new Uri(admin, "ruok"));
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && clock.Elapsed < s_ready && !server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }
}
