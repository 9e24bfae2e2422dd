using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;
using ZkCompat.Server.Options;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Tests.Support;

/// <summary>An engine with its apply loop running, a manual clock and in-memory client pipes; no sockets.</summary>
internal sealed class EngineFixture : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<TestClient> _clients = [];

    public EngineFixture(ServerOptions? options = null, IReplicator? replicator = null)
    {
        Options = options ?? DefaultOptions;
        Engine = new Engine(Options, Time, NullLogger.Instance, replicator ?? new InMemoryReplicator());
        _loop = Engine.RunAsync(_stop.Token);
    }

    /// <summary>tickTime 2000, so session timeouts clamp to [4000, 40000] (§2.2 rule 5).</summary>
    public static ServerOptions DefaultOptions => new() { TickTimeMs = 2000, DataDir = "/nonexistent" };

    public ServerOptions Options { get; }

    public ManualTime Time { get; } = new();

    public Engine Engine { get; }

    /// <summary>A client that has completed the handshake (a new session unless one is given).</summary>
    public async Task<TestClient> ConnectAsync(int timeoutMs = 10_000, long sessionId = 0, byte[]? password = null)
    {
        var client = Open();
        var response = await client.HandshakeAsync(new ConnectRequest(0, default, timeoutMs, new(sessionId), password ?? new byte[16]));
        Assert.True(response.TimeoutMs > 0, "handshake refused");
        return client;
    }

    /// <summary>A raw connection with nothing sent yet.</summary>
    public TestClient Open(RequestThrottle? throttle = null)
    {
        var client = new TestClient(Engine, Options, throttle);
        _clients.Add(client);
        return client;
    }

    /// <summary>Moves the clock and lets the session tracker look at it, as the host's timer would.</summary>
    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        Engine.Post(new TickWork());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
