namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>Closes, breaks, crashes and partitions.</summary>
internal sealed partial class SimFabric
{
    /// <summary>A server closes its end: what it sent still arrives, then the other end hears the close.</summary>
    public void Close(long from, long channelId)
    {
        if (!_channels.TryGetValue(channelId, out var channel) || channel.EndOf(from) is not { } end)
            return;
        end.Open = false;
        if (!channel.Dead)
        {
            channel.Dead = true;
            var other = channel.Other(end);
            if (other.Open)
                Enqueue(Math.Max(NowMs + Delay(), other.LastDueMs), new SimEvent(SimEventKind.ChannelClosed, other.Sid, other.Incarnation) { Channel = channelId });
        }

        Forget(channel);
    }

    /// <summary>The connection breaks: each open end gets a prefix of what was in flight, then the close.</summary>
    public void Break(SimChannel channel, bool loseInFlight = false)
    {
        if (channel.Dead)
            return;
        channel.Dead = true;
        Trace?.Invoke($"net: channel {channel.Id} ({channel.Ends[0].Sid}-{channel.Ends[1].Sid}) breaks");
        foreach (var end in channel.Ends.Where(e => e.Open))
        {
            CloseAfterPrefix(channel, end);
            if (loseInFlight)
                end.Cutoff = end.Delivered;
        }
    }

    /// <summary>
    /// A server dies: its ends stop receiving, the other ends see the connection drop after a
    /// random prefix of what was in flight, or all of it when <paramref name="deliverInFlight"/>.
    /// </summary>
    public void Crash(long sid, bool deliverInFlight = false)
    {
        foreach (var channel in _channels.Values.ToList())
        {
            if (channel.EndOf(sid) is not { } end)
                continue;
            end.Open = false;
            if (!channel.Dead)
            {
                channel.Dead = true;
                var other = channel.Other(end);
                if (other.Open)
                    CloseAfterPrefix(channel, other, deliverInFlight);
            }

            Forget(channel);
        }
    }

    /// <summary>Servers in different groups cannot talk; channels across groups break.</summary>
    public void Partition(IReadOnlyList<IReadOnlyCollection<long>> groups)
    {
        _groupOf.Clear();
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var sid in groups[g])
                _groupOf[sid] = g;
        }

        Trace?.Invoke($"net: partition {string.Join(" | ", groups.Select(g => string.Join(",", g)))}");
        foreach (var channel in _channels.Values.ToList())
        {
            if (Cut(channel.Ends[0].Sid, channel.Ends[1].Sid))
                Break(channel);
        }
    }

    public void Heal()
    {
        if (_groupOf.Count > 0)
            Trace?.Invoke("net: partition healed");
        _groupOf.Clear();
    }

    public bool Partitioned => _groupOf.Count > 0;

    private void CloseAfterPrefix(SimChannel channel, ChannelEnd end, bool deliverInFlight = false)
    {
        var inFlight = end.Sent - end.Delivered;
        end.Cutoff = deliverInFlight ? end.Sent : end.Delivered + random.NextInt64(inFlight + 1);
        Enqueue(Math.Max(NowMs + Delay(), end.LastDueMs), new SimEvent(SimEventKind.ChannelClosed, end.Sid, end.Incarnation) { Channel = channel.Id });
    }

    private void Forget(SimChannel channel)
    {
        if (!channel.Ends[0].Open && !channel.Ends[1].Open)
            _channels.Remove(channel.Id);
    }
}
