namespace ZkCompat.Protocol.Codes;

/// <summary>WatcherEvent.type (PROTOCOL.md §5.1). Types 5–7 are made by clients only.</summary>
public enum EventType
{
    None = -1,
    NodeCreated = 1,
    NodeDeleted = 2,
    NodeDataChanged = 3,
    NodeChildrenChanged = 4,
    DataWatchRemoved = 5,
    ChildWatchRemoved = 6,
    PersistentWatchRemoved = 7,
}
