using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Config;

namespace ZkCompat.Quorum.Runtime;

/// <summary>
/// The IO edge of a quorum peer: the election and quorum ports, the clock, and one loop that feeds
/// the deterministic <see cref="QuorumPeer"/> one input at a time and calls Sync after each batch.
/// </summary>
public sealed class PeerRuntime : IPeerNetwork, IAsyncDisposable
{
    private const int TickEveryMs = 20;
    private readonly QuorumConfig _config;
    private readonly ILogger _logger;
    private readonly Channel<Action> _inbox = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<long, QuorumChannel> _channels = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Socket _quorumListener;
    private readonly ElectionTransport _election;
    private long _nextChannel;
    private Task _loop = Task.CompletedTask;
    private ITimer? _ticker;

    /// <summary>Binds the ports of <paramref name="config"/>, or takes listening sockets bound already (tests bind port 0 first).</summary>
    public PeerRuntime(QuorumConfig config, IReplica replica, ILogger logger, Socket? electionListener = null, Socket? quorumListener = null)
    {
        _config = config;
        _logger = logger;
        Peer = new QuorumPeer(config, replica, this) { Trace = what => RuntimeLog.Peer(logger, config.MyId, what) };
        if (electionListener is null || quorumListener is null)
            (electionListener, quorumListener) = BindPorts(config);
        _quorumListener = quorumListener;
        var electionSocket = electionListener;
        _election = new ElectionTransport(config, electionSocket, (sid, n) => Post(() => Peer.OnVote(sid, n, NowMs)), logger);
        RuntimeLog.Bound(logger, electionSocket.LocalEndPoint, _quorumListener.LocalEndPoint);
    }

    /// <summary>The core; touch it only inside <see cref="Post"/>.</summary>
    public QuorumPeer Peer { get; }

    /// <summary>Completes with the failure that stopped the loop (a storage error).</summary>
    public Task<string> Failure => _failure.Task;

    private readonly TaskCompletionSource<string> _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static long NowMs => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency;

    public void Start()
    {
        _election.Start();
        _ = AcceptLoopAsync();
        _loop = Task.Run(LoopAsync);
        Post(() => Peer.Start(NowMs));
        _ticker = TimeProvider.System.CreateTimer(_ => Post(() => Peer.Tick(NowMs)), null, TimeSpan.FromMilliseconds(TickEveryMs), TimeSpan.FromMilliseconds(TickEveryMs));
    }

    /// <summary>Runs <paramref name="action"/> on the peer's loop.</summary>
    public void Post(Action action) => _inbox.Writer.TryWrite(action);

    public void SendVote(long toSid, Notification notification) => _election.Send(toSid, notification);

    /// <summary>
    /// A test control: cut this peer off from the others (votes and quorum channels) while the
    /// clients can still reach it, as a network partition would; false heals it.
    /// </summary>
    public void Isolate(bool isolated)
    {
        _election.Isolated = isolated;
        _isolated = isolated;
        if (!isolated)
            return;
        Post(() =>
        {
            foreach (var id in _channels.Keys.ToList())
            {
                Close(id);
                Peer.OnChannelClosed(id, NowMs);
            }
        });
    }

    private volatile bool _isolated;

    public void Send(long channel, QuorumPacket packet)
    {
        if (_channels.TryGetValue(channel, out var c))
            c.Send(packet);
    }

    public void ConnectToLeader(QuorumMember leader)
    {
        if (_isolated)
            Post(() => Peer.OnLeaderConnectFailed(NowMs));
        else
            _ = ConnectAsync(leader);
    }

    public void Close(long channel)
    {
        if (_channels.Remove(channel, out var c))
            _ = c.DisposeAsync().AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        if (_ticker is not null)
            await _ticker.DisposeAsync().ConfigureAwait(false);
        _inbox.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        _quorumListener.Close();
        await _election.DisposeAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        foreach (var c in _channels.Values)
            await c.DisposeAsync().ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        while (await _inbox.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                while (_inbox.Reader.TryRead(out var action))
                    action();
                Peer.Sync();
                Publish();
            }
            catch (Exception e)
            {
                // A storage failure (or a bug) must not leave a peer that votes and acks on a lost state.
                RuntimeLog.Failed(_logger, e, e.Message);
                _failure.TrySetResult(e.Message);
                return;
            }
        }
    }

    /// <summary>The peer's role and numbers as of the last batch; safe to read from any thread.</summary>
    public PeerSnapshot Snapshot => _snapshot;

    private volatile PeerSnapshot _snapshot = PeerSnapshot.Initial;

    private void Publish()
    {
        var previous = _snapshot;
        var role = Peer.Role;
        var serving = Peer.IsServing;
        var leaderSince = role == PeerRole.Leading && serving ? (previous.Role == PeerRole.Leading && previous.Serving ? previous.LeaderSinceMs : NowMs) : 0;
        var next = new PeerSnapshot(role, serving, Peer.LearnerCount, Peer.SyncedFollowers, Peer.SyncedObservers, _config.Voters.Count(), leaderSince, Peer.LeaderSid, Peer.ProposalSizes);
        if (next != previous)
            _snapshot = next;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _quorumListener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            if (_isolated)
            {
                socket.Close();
                continue;
            }

            var channel = new QuorumChannel(Interlocked.Increment(ref _nextChannel), socket, learnerSide: false);
            Post(() =>
            {
                _channels[channel.Id] = channel;
                Peer.OnChannelOpened(channel.Id, NowMs);
            });
            Run(channel);
        }
    }

    private async Task ConnectAsync(QuorumMember leader)
    {
        // Java tries for initLimit ticks; the leader may still be leaving its election.
        var deadline = NowMs + ((long)_config.InitLimit * _config.TickTimeMs);
        while (!_stop.IsCancellationRequested)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(leader.Host, leader.QuorumPort, _stop.Token).ConfigureAwait(false);
                var channel = new QuorumChannel(Interlocked.Increment(ref _nextChannel), socket, learnerSide: true);
                Post(() =>
                {
                    _channels[channel.Id] = channel;
                    Peer.OnLeaderConnected(channel.Id, NowMs);
                });
                Run(channel);
                return;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Close();
                if (NowMs > deadline || _stop.IsCancellationRequested)
                    break;
                await Task.Delay(100, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }

        Post(() => Peer.OnLeaderConnectFailed(NowMs));
    }

    private void Run(QuorumChannel channel) => _ = channel.RunAsync(
        packet => Post(() => Peer.OnPacket(channel.Id, packet, NowMs)),
        reason => Post(() =>
        {
            if (_channels.Remove(channel.Id))
            {
                RuntimeLog.ChannelClosed(_logger, channel.Id, reason);
                Peer.OnChannelClosed(channel.Id, NowMs);
            }
        }));

    /// <summary>Binds this member's election and quorum ports (the election port with electionPortBindRetry).</summary>
    public static (Socket Election, Socket Quorum) BindPorts(QuorumConfig config)
    {
        var me = config.Me;
        var host = config.QuorumListenOnAllIPs ? IPAddress.Any : Resolve(me.Host);
        var quorum = ElectionTransport.Bind(new IPEndPoint(host, me.QuorumPort));
        try
        {
            return (BindWithRetry(new IPEndPoint(host, me.ElectionPort), config.ElectionPortBindRetry), quorum);
        }
        catch
        {
            quorum.Dispose();
            throw;
        }
    }

    private static IPAddress Resolve(string host) =>
        IPAddress.TryParse(host, out var address) ? address : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);

    private static Socket BindWithRetry(IPEndPoint endpoint, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return ElectionTransport.Bind(endpoint);
            }
            catch (SocketException) when (attempts == 0 || attempt < attempts)
            {
                Thread.Sleep(1000);
            }
        }
    }
}
