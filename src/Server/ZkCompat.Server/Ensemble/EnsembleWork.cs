using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Ensemble;

/// <summary>Serve clients as the leader (<paramref name="Leader"/>) or a learner, in <paramref name="Epoch"/>.</summary>
internal sealed record ServeWork(bool Leader, int Epoch) : Work;

/// <summary>Stop serving, close every client connection, and take <paramref name="State"/> as the truth.</summary>
internal sealed record ResetWork(RecoveredState State, TaskCompletionSource Done) : Work;

/// <summary>A txn the quorum committed, in zxid order.</summary>
internal sealed record CommittedWork(Txn Txn) : Work;

/// <summary>Leader: a client request a learner forwarded.</summary>
internal sealed record LearnerRequestWork(long Channel, long SessionId, int Cxid, OpCode Type, byte[] Request, IReadOnlyList<Id>? AuthInfo) : Work;

/// <summary>Leader: a learner saw traffic from a session.</summary>
internal sealed record TouchWork(long SessionId, int TimeoutMs) : Work;

/// <summary>Leader: a learner asks whether a reconnecting session is valid.</summary>
internal sealed record RevalidateWork(long Channel, long SessionId, int TimeoutMs) : Work;

/// <summary>Learner: the leader's answer about a reconnecting session.</summary>
internal sealed record RevalidatedWork(long SessionId, bool Valid) : Work;

/// <summary>Learner: the leader's SYNC for the oldest forwarded sync.</summary>
internal sealed record SyncedWork : Work;

/// <summary>The snapshot of the applied state (SNAP for a learner), taken on the loop.</summary>
internal sealed record CaptureWork(TaskCompletionSource<(Zxid Zxid, SnapshotImage Image)> Done) : Work;
