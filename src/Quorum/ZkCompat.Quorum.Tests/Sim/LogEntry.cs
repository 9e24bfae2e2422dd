using ZkCompat.Protocol.Ids;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>One logged (or applied) txn.</summary>
internal readonly record struct LogEntry(Zxid Zxid, byte[] Txn);
