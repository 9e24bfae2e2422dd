using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>Deliveries and calls into peers; crashes thrown from storage land here.</summary>
internal sealed partial class Cluster
{
    /// <summary>Deliveries so far, by <see cref="SimEventKind"/>.</summary>
    public long[] Deliveries { get; } = new long[Enum.GetValues<SimEventKind>().Length];

    public int DiskErrors { get; private set; }

    private void Deliver(SimEvent ev)
    {
        var server = _servers[ev.To];
        if (!server.IsUp || server.Incarnation != ev.Incarnation)
            return;
        if (ev.Kind == SimEventKind.ConnectAttempt)
        {
            Fabric.ResolveConnect(ev);
            return;
        }

        if (!Fabric.Accept(ev))
            return;
        var verdict = Intercept?.Invoke(server, ev) ?? DeliveryVerdict.Deliver;
        if (verdict == DeliveryVerdict.Drop || !server.IsUp)
            return;
        if (verdict == DeliveryVerdict.CrashBefore)
        {
            Crash(server.Sid, $"crash before {ev}");
            return;
        }

        Deliveries[(int)ev.Kind]++;
        if (Options.TraceLines > 0)
            Log(ev.ToString());
        Call(server, peer => Dispatch(peer, ev));
        if (!server.IsUp)
            return;
        if (verdict == DeliveryVerdict.CrashAfter)
        {
            // Scripted: what it sent while handling the delivery is on the wire and arrives.
            Crash(server.Sid, $"crash after {ev}", deliverInFlight: true);
            return;
        }

        if (CrashAfterDeliveryRate > 0 && Random.NextDouble() < CrashAfterDeliveryRate)
        {
            Crash(server.Sid, $"crash after {ev}");
            return;
        }

        if (Random.NextDouble() < Options.SyncEachDelivery)
            Sync(server);
    }

    private void Dispatch(QuorumPeer peer, SimEvent ev)
    {
        switch (ev.Kind)
        {
            case SimEventKind.Vote:
                peer.OnVote(ev.From, ev.Vote!, NowMs);
                break;
            case SimEventKind.ChannelOpened:
                peer.OnChannelOpened(ev.Channel, NowMs);
                break;
            case SimEventKind.LeaderConnected:
                peer.OnLeaderConnected(ev.Channel, NowMs);
                break;
            case SimEventKind.ConnectFailed:
                peer.OnLeaderConnectFailed(NowMs);
                break;
            case SimEventKind.Packet:
                peer.OnPacket(ev.Channel, ev.Packet!, NowMs);
                break;
            case SimEventKind.ChannelClosed:
                peer.OnChannelClosed(ev.Channel, NowMs);
                break;
        }
    }

    /// <summary>One call into a peer; afterwards the replica's queued client events are handled.</summary>
    public void Call(SimServer server, Action<QuorumPeer> action)
    {
        if (server.Peer is not { } peer)
            return;
        try
        {
            action(peer);
        }
        catch (SimCrashException crash)
        {
            Crash(server.Sid, crash.Message);
            return;
        }
        catch (IOException error)
        {
            // The runtime logs a disk error and carries on: the core must not build on lost writes.
            Log($"{server.Sid}: {error.Message}");
            DiskErrors++;
        }
        catch (Exception e) when (e is not SimulationFailedException)
        {
            throw Failure($"server {server.Sid} threw {e.GetType().Name}: {e.Message}", e);
        }

        if (server.CrashRequested)
        {
            Crash(server.Sid, "crash requested by the test");
            return;
        }

        Drain(server);
    }

    private void Drain(SimServer server)
    {
        if (server.Replica is not { } replica)
            return;
        while (server.IsUp && replica.Requests.TryDequeue(out var request))
            Propose(server, request.Request.Request);
        while (server.IsUp && replica.Revalidations.TryDequeue(out var revalidation))
            Call(server, p => p.AnswerRevalidate(revalidation.Channel, revalidation.SessionId, true));
    }

    /// <summary>The leader orders a write; while it is not established the write is lost (the client retries).</summary>
    private void Propose(SimServer server, byte[] txn)
    {
        if (server.Peer?.NextZxid is not { } zxid)
            return;
        Log($"{server.Sid}: propose {zxid}={System.Text.Encoding.UTF8.GetString(txn)}");
        Call(server, p => p.Propose(zxid, txn));
    }
}
