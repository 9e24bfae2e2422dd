using ZkCompat.Protocol.Codes;
using ZkCompat.Server.Net;

namespace ZkCompat.Server.Ensemble;

/// <summary>A client request waiting for the quorum: a write, a closeSession or a sync.</summary>
internal sealed record PendingOp(IClientChannel Channel, int Xid, OpCode Op, string? SyncPath = null);
