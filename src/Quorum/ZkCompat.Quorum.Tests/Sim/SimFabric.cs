using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>
/// The in-memory network of one simulation: a time-ordered queue of deliveries, election
/// notifications (delayed, dropped, duplicated, reordered), quorum channels (FIFO per direction;
/// a drop is a break that both ends hear about), partitions and the connection ends of crashed
/// servers. Every choice comes from the one seeded <see cref="Random"/>.
/// </summary>
internal sealed partial class SimFabric(Random random, NetworkSettings settings, Func<long, int?> incarnationOf)
{
    private readonly PriorityQueue<SimEvent, (long DueMs, long Seq)> _queue = new();
    private readonly Dictionary<long, SimChannel> _channels = [];
    private readonly Dictionary<long, int> _groupOf = [];
    private long _seq;
    private long _nextChannel = 1;

    public long NowMs { get; set; }

    public NetworkSettings Settings { get; } = settings;

    /// <summary>Called for every packet a server sends (scripted tests crash senders here).</summary>
    public Action<long, QuorumPacket>? OnSend { get; set; }

    public Action<string>? Trace { get; set; }

    public int Pending => _queue.Count;

    public IEnumerable<SimChannel> Channels => _channels.Values;

    public bool Cut(long a, long b) =>
        _groupOf.Count > 0 && _groupOf.GetValueOrDefault(a, -1) != _groupOf.GetValueOrDefault(b, -1);

    public bool TryDequeue(long nowMs, out SimEvent ev)
    {
        if (_queue.TryPeek(out ev!, out var key) && key.DueMs <= nowMs)
        {
            _queue.Dequeue();
            return true;
        }

        return false;
    }

    public void SendVote(long from, long to, Notification notification)
    {
        if (Cut(from, to) || incarnationOf(to) is not { } incarnation || random.NextDouble() < Settings.VoteDropRate)
            return;
        var copies = random.NextDouble() < Settings.VoteDuplicateRate ? 2 : 1;
        for (var i = 0; i < copies; i++)
            Enqueue(NowMs + Delay(), new SimEvent(SimEventKind.Vote, to, incarnation) { From = from, Vote = notification });
    }

    public void Send(long from, long channelId, QuorumPacket packet)
    {
        OnSend?.Invoke(from, packet);
        if (!_channels.TryGetValue(channelId, out var channel) || channel.Dead || channel.EndOf(from) is not { Open: true } end)
            return;
        var to = channel.Other(end);
        if (!to.Open)
            return;
        var due = Math.Max(NowMs + Delay(), to.LastDueMs);
        to.LastDueMs = due;
        Enqueue(due, new SimEvent(SimEventKind.Packet, to.Sid, to.Incarnation) { From = from, Channel = channelId, Seq = ++to.Sent, Packet = packet });
    }

    public void Connect(long learner, int incarnation, long leader) =>
        Enqueue(NowMs + Delay(), new SimEvent(SimEventKind.ConnectAttempt, learner, incarnation) { From = leader });

    /// <summary>A connect attempt reaches the leader's host: open a channel, or fail.</summary>
    public void ResolveConnect(SimEvent attempt)
    {
        var learner = attempt.To;
        var leader = attempt.From;
        if (Cut(learner, leader))
        {
            Enqueue(NowMs + Settings.ConnectTimeoutMs, attempt with { Kind = SimEventKind.ConnectFailed });
            return;
        }

        if (incarnationOf(leader) is not { } leaderIncarnation)
        {
            Enqueue(NowMs, attempt with { Kind = SimEventKind.ConnectFailed });
            return;
        }

        var id = _nextChannel++;
        _channels[id] = new SimChannel(id, new ChannelEnd(learner, attempt.Incarnation), new ChannelEnd(leader, leaderIncarnation));
        Enqueue(NowMs, new SimEvent(SimEventKind.ChannelOpened, leader, leaderIncarnation) { From = learner, Channel = id });
        Enqueue(NowMs, new SimEvent(SimEventKind.LeaderConnected, learner, attempt.Incarnation) { From = leader, Channel = id });
    }

    /// <summary>False when the event must be dropped: a closed end, a lost packet, a cut link.</summary>
    public bool Accept(SimEvent ev)
    {
        switch (ev.Kind)
        {
            case SimEventKind.Vote:
                return !Cut(ev.From, ev.To);
            case SimEventKind.ChannelOpened or SimEventKind.LeaderConnected:
                return _channels.TryGetValue(ev.Channel, out var opened) && opened.EndOf(ev.To) is { Open: true };
            case SimEventKind.Packet:
                if (!_channels.TryGetValue(ev.Channel, out var channel) || channel.EndOf(ev.To) is not { Open: true } end || ev.Seq > end.Cutoff)
                    return false;
                end.Delivered = ev.Seq;
                return true;
            case SimEventKind.ChannelClosed:
                if (!_channels.TryGetValue(ev.Channel, out var closed) || closed.EndOf(ev.To) is not { Open: true } closing)
                    return false;
                closing.Open = false;
                Forget(closed);
                return true;
            default:
                return true;
        }
    }

    private void Enqueue(long dueMs, SimEvent ev) => _queue.Enqueue(ev, (dueMs, _seq++));

    private int Delay() => random.Next(Settings.MinDelayMs, Settings.MaxDelayMs + 1);
}
