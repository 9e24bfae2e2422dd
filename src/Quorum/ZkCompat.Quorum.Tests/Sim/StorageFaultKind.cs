namespace ZkCompat.Quorum.Tests.Sim;

internal enum StorageFaultKind
{
    None,
    Crash,
    TornFlush,
    DiskError,
}
