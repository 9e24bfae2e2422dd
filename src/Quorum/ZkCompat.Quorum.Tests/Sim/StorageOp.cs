namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>The durable writes a replica makes; a crash or a disk error can strike at each.</summary>
internal enum StorageOp
{
    Flush,
    SetAcceptedEpoch,
    SetCurrentEpoch,
    StageCurrentEpoch,
    Truncate,
    InstallSnapshot,
}
