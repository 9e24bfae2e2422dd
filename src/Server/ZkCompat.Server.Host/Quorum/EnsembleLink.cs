using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Protocol.Records;
using ZkCompat.Quorum.Runtime;
using ZkCompat.Server.Ensemble;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Host.Quorum;

/// <summary>The engine's calls into the quorum: each one is posted to the quorum loop, never awaited.</summary>
internal sealed class EnsembleLink(PeerRuntime runtime, EnsembleReplica replica) : IEnsemble
{
    public void Propose(Txn txn)
    {
        var bytes = EnsembleReplica.Encode(txn);
        var zxid = txn.Header.Zxid;
        runtime.Post(() =>
        {
            // A proposal made just before leadership ended has nowhere to go; the engine is reset next.
            if (runtime.Peer.NextZxid == zxid)
                runtime.Peer.Propose(zxid, bytes);
        });
    }

    public void AnswerRevalidate(long channel, long sessionId, bool valid) =>
        runtime.Post(() => runtime.Peer.AnswerRevalidate(channel, sessionId, valid));

    public void Forward(long sessionId, int cxid, OpCode type, byte[] request, IReadOnlyList<Id>? authInfo)
    {
        var data = new RequestPacketData(sessionId, cxid, (int)type, request);
        runtime.Post(() => runtime.Peer.Forward(data, authInfo));
    }

    public void Revalidate(long sessionId, int timeoutMs) => runtime.Post(() => runtime.Peer.Revalidate(sessionId, timeoutMs));

    public void Touched(long sessionId, int timeoutMs) => replica.Touched(sessionId, timeoutMs);
}
