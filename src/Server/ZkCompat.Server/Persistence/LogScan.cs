using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Persistence;

/// <summary>What reading one log file found: its txns, where the good part ends, and what follows it.</summary>
internal sealed record LogScan(string Path, List<(Txn Txn, TxnDigest? Digest)> Txns, long GoodEnd, LogTail Tail, string? Problem);

/// <summary>How a log file ends.</summary>
internal enum LogTail
{
    /// <summary>The entries end and only zeros (preallocation) or nothing follow.</summary>
    Clean,

    /// <summary>The last entry is incomplete or damaged and nothing but zeros follows: a write cut short.</summary>
    Torn,

    /// <summary>A damaged entry with more data after it: the history itself is damaged.</summary>
    Corrupt,
}
