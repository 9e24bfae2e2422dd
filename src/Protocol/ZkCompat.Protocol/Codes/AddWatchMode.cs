namespace ZkCompat.Protocol.Codes;

/// <summary>The mode of addWatch (PROTOCOL.md §5.1).</summary>
public enum AddWatchMode
{
    Persistent = 0,
    PersistentRecursive = 1,
}
