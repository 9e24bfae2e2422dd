using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Txn;

namespace ZkCompat.Server.Processing;

/// <summary>A prepared transaction: its header and record (PROTOCOL.md §11.9); null record for none.</summary>
internal sealed record Txn(TxnHeader Header, IJuteWritable? Record);
