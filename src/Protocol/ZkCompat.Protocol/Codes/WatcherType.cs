namespace ZkCompat.Protocol.Codes;

/// <summary>The type field of checkWatches / removeWatches (PROTOCOL.md §5.1).</summary>
public enum WatcherType
{
    Children = 1,
    Data = 2,
    Any = 3,
}
