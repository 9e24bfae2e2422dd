using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Ids;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Tests.Support;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Tests.Persistence;

public class RecoveryTests
{
    [Fact]
    public void EmptyDirectory_StartsFromAnEmptyTree()
    {
        using var dir = new TempDir();

        var state = Directory(dir).Recover(trustEmptySnapshot: false);

        Assert.Equal(Zxid.Zero, state.LastZxid);
        Assert.Equal(4, state.Tree.NodeCount);
    }

    [Fact]
    public void SnapshotThenLogs_ReplaysEveryLaterTxn()
    {
        using var dir = new TempDir();
        WriteEmptySnapshot(dir);
        TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, 1, 10);

        var state = Directory(dir).Recover(trustEmptySnapshot: false);

        Assert.Equal(new Zxid(10), state.LastZxid);
        Assert.Equal([10], state.Tree.Get("/n10")!.Data);
    }

    [Fact]
    public void TornTail_IsTruncated_AndEverythingBeforeItSurvives()
    {
        using var dir = new TempDir();
        WriteEmptySnapshot(dir);
        TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, 1, 5);
        var path = TxnLogTests.LogFile(dir.VersionDir, 1);
        var lastStart = TxnLogTests.EntryStart(path, 4);
        TxnLogTests.ZeroRange(path, lastStart + 12, 40);

        var state = Directory(dir).Recover(trustEmptySnapshot: false);

        Assert.Equal(new Zxid(4), state.LastZxid);
        Assert.Equal(lastStart, new FileInfo(path).Length);
        Assert.Equal(new Zxid(4), Directory(dir).Recover(trustEmptySnapshot: false).LastZxid);
    }

    [Fact]
    public void ChecksumFailureInsideTheLog_RefusesToStart()
    {
        using var dir = new TempDir();
        WriteEmptySnapshot(dir);
        TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, 1, 5);
        var path = TxnLogTests.LogFile(dir.VersionDir, 1);
        TxnLogTests.FlipByte(path, TxnLogTests.EntryStart(path, 2) + 30);

        var e = Assert.Throws<RecoveryException>(() => Directory(dir).Recover(trustEmptySnapshot: false));

        Assert.Contains("CRC check failed", e.Message);
    }

    [Fact]
    public void TornEarlierLog_IsCorruptionNotATail()
    {
        using var dir = new TempDir();
        WriteEmptySnapshot(dir);
        TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, 1, 3);
        TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, 4, 6);
        var first = TxnLogTests.LogFile(dir.VersionDir, 1);
        TxnLogTests.ZeroRange(first, TxnLogTests.EntryStart(first, 2) + 12, 20);

        Assert.Throws<RecoveryException>(() => Directory(dir).Recover(trustEmptySnapshot: false));
    }

    [Fact]
    public void LogsWithoutAnySnapshot_RefuseToStart_UnlessTrusted()
    {
        using var dir = new TempDir();
        System.IO.Directory.CreateDirectory(dir.VersionDir);
        TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, 1, 3);

        var e = Assert.Throws<RecoveryException>(() => Directory(dir).Recover(trustEmptySnapshot: false));
        var trusted = Directory(dir).Recover(trustEmptySnapshot: true);

        Assert.Contains("ZOOKEEPER-2325", e.Message);
        Assert.Equal(new Zxid(3), trusted.LastZxid);
    }

    [Fact]
    public void DamagedNewestSnapshot_FallsBackToThePreviousOne()
    {
        using var dir = new TempDir();
        WriteEmptySnapshot(dir);
        TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, 1, 4);
        var tree = Directory(dir).Recover(false).Tree;
        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, SnapshotImage.Capture(tree, new Zxid(4), []));
        TxnLogTests.FlipByte(Path.Combine(dir.VersionDir, DataFiles.SnapshotName(4)), 100);

        var state = Directory(dir).Recover(trustEmptySnapshot: false);

        Assert.Equal(new Zxid(4), state.LastZxid);
        Assert.NotNull(state.Tree.Get("/n4"));
    }

    [Fact]
    public void Purge_KeepsTheNewestSnapshotsAndTheLogsTheyNeed()
    {
        using var dir = new TempDir();
        System.IO.Directory.CreateDirectory(dir.VersionDir);
        foreach (var zxid in new long[] { 0, 10, 20, 30, 40 })
            SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, SnapshotImage.Capture(new DataTree(), new Zxid(zxid), []));
        foreach (var start in new long[] { 1, 11, 18, 31, 41 })
            TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, start, start);

        Directory(dir).Purge(retain: 3);

        var left = System.IO.Directory.GetFiles(dir.VersionDir).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["log.12", "log.1f", "log.29", "snapshot.14", "snapshot.1e", "snapshot.28"], left);
    }

    [Fact]
    public void WithoutAutocreate_AMissingVersionDirectoryRefusesTheStart()
    {
        using var dir = new TempDir();

        var e = Assert.Throws<RecoveryException>(() => Directory(dir).Recover(trustEmptySnapshot: false, createDirectories: false));

        // Java 3.8.0's FileTxnSnapLog message, zookeeper.datadir.autocreate=false.
        Assert.Equal($"Missing data directory {dir.VersionDir}, automatic data directory creation is disabled (zookeeper.datadir.autocreate is false). Please create this directory manually.", e.Message);
        Assert.False(System.IO.Directory.Exists(dir.VersionDir));
        WriteEmptySnapshot(dir);
        Assert.Equal(Zxid.Zero, Directory(dir).Recover(trustEmptySnapshot: false, createDirectories: false).LastZxid);
    }

    internal static DataDirectory Directory(TempDir dir) =>
        new(DiskStorage.Instance, dir.VersionDir, dir.VersionDir, NullLogger.Instance);

    internal static void WriteEmptySnapshot(TempDir dir)
    {
        System.IO.Directory.CreateDirectory(dir.VersionDir);
        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, SnapshotImage.Capture(new DataTree(), Zxid.Zero, []));
    }
}
