using System.Net;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Net;
using ZkCompat.Server.Options;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server;

/// <summary>A standalone server: the apply loop, its session clock and the client listener.</summary>
internal sealed class StandaloneServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ClientListener _listener;
    private readonly ITimer _ticks;
    private readonly Task _loop;

    private StandaloneServer(ServerOptions options, ILoggerFactory loggers, TimeProvider time)
    {
        var logger = loggers.CreateLogger("ZkCompat.Server");
        Engine = new Engine(options, time, logger, new InMemoryReplicator());
        _loop = Engine.RunAsync(_stop.Token);
        // Expiry buckets are tickTime apart; checking twice a tick keeps expiry within half a tick of Java's.
        var period = TimeSpan.FromMilliseconds(Math.Max(1, options.TickTimeMs / 2));
        _ticks = time.CreateTimer(_ => Engine.Post(new TickWork()), null, period, period);
        _listener = new ClientListener(options, Engine, logger);
        Endpoint = _listener.Start();
        Log.Serving(logger, Endpoint.ToString());
    }

    public IPEndPoint Endpoint { get; }

    internal Engine Engine { get; }

    public static StandaloneServer Start(ServerOptions options, ILoggerFactory loggers, TimeProvider? time = null) =>
        new(options, loggers, time ?? TimeProvider.System);

    public async ValueTask DisposeAsync()
    {
        await _ticks.DisposeAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
