namespace ZkCompat.Protocol.Codes;

/// <summary>The flags field of create requests (PROTOCOL.md §3.6).</summary>
public enum CreateMode
{
    Persistent = 0,
    Ephemeral = 1,
    PersistentSequential = 2,
    EphemeralSequential = 3,
    Container = 4,
    PersistentWithTtl = 5,
    PersistentSequentialWithTtl = 6,
}
