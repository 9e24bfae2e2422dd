namespace ZkCompat.Server.Watches;

/// <summary>How a registration fires (PROTOCOL.md §5.3).</summary>
internal enum WatchMode
{
    /// <summary>Fires once, for its own path.</summary>
    Standard,

    /// <summary>Stays after firing, for its own path (addWatch mode 0).</summary>
    Persistent,

    /// <summary>Stays after firing, for its path and every descendant; never NodeChildrenChanged (addWatch mode 1).</summary>
    PersistentRecursive,
}
