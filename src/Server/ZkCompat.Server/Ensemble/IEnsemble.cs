using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Ensemble;

/// <summary>
/// The quorum as the engine sees it when the server is an ensemble member. The host implements
/// it over the quorum core; the engine never learns how agreement is reached. Calls never block.
/// </summary>
internal interface IEnsemble
{
    /// <summary>Leader: replicate a prepared txn; it comes back as <see cref="CommittedWork"/> once a quorum has it.</summary>
    void Propose(Txn txn);

    /// <summary>Leader: the answer to <see cref="RevalidateWork"/>.</summary>
    void AnswerRevalidate(long channel, long sessionId, bool valid);

    /// <summary>Learner: send a client request to the leader (§11.6).</summary>
    void Forward(long sessionId, int cxid, OpCode type, byte[] request, IReadOnlyList<Id>? authInfo);

    /// <summary>Learner: ask the leader whether a reconnecting session is valid (§11.8).</summary>
    void Revalidate(long sessionId, int timeoutMs);

    /// <summary>Learner: a session had traffic; reported to the leader in the next PING (§11.7).</summary>
    void Touched(long sessionId, int timeoutMs);
}
