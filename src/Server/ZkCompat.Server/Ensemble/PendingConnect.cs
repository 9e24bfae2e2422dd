using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;

namespace ZkCompat.Server.Ensemble;

/// <summary>A handshake waiting for the quorum: a createSession txn, or the leader's revalidation.</summary>
internal sealed record PendingConnect(IClientChannel Channel, ConnectRequest Request, int TimeoutMs, bool HasReadOnlyByte);
