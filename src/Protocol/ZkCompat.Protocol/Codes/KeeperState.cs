namespace ZkCompat.Protocol.Codes;

/// <summary>WatcherEvent.state (PROTOCOL.md §5.1). The server only ever sends SyncConnected.</summary>
public enum KeeperState
{
    Unknown = -1,
    Disconnected = 0,
    NoSyncConnected = 1,
    SyncConnected = 3,
    AuthFailed = 4,
    ConnectedReadOnly = 5,
    SaslAuthenticated = 6,
    Closed = 7,
    Expired = -112,
}
