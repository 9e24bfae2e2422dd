using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests.Persistence;

/// <summary>
/// The leader's DIFF from its txn log (Java's getProposalsFromTxnLog): whether the log reaches back
/// to the learner, Java's size measure (the log files after the first one read, preallocation
/// included, against snapshotSizeFactor × the newest snapshot), and what is handed to the planner.
/// Each log file here is 16 + 1 MiB long (TxnLogTests.PreAlloc).
/// </summary>
public class TxnLogSyncTests
{
    [Fact]
    public void PeerInTheLog_GetsTheTxnBeforeItsOwnThenEveryOneUpToTheLimit_AsLogged()
    {
        using var dir = new TempDir();
        WriteLogs(dir, (1, 10));

        var txns = Read(dir, peer: 4, upTo: 8, factor: 0.33)!;

        Assert.Equal([3L, 4, 5, 6, 7, 8], txns.Select(t => t.Zxid.Value));
        Assert.Equal("/n5", ((CreateTxn)TxnCodec.Read(txns[2].Txn).Txn.Record!).Path);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(3)]
    public void LogStartingAfterThePeer_CannotServe(long peer)
    {
        using var dir = new TempDir();
        WriteLogs(dir, (5, 10));

        Assert.Null(Read(dir, peer, upTo: 10, factor: 0.33));
    }

    [Theory]
    [InlineData(0.33, false)]
    [InlineData(0.6, true)]
    [InlineData(0.0, true)]
    public void LaterLogFiles_ComparedWithTheFactorOfTheNewestSnapshot(double factor, bool served)
    {
        using var dir = new TempDir();
        WriteLogs(dir, (1, 5), (6, 10), (11, 15));
        // Two later files of 1 MiB against 4 MiB × factor: 1.3 MiB is too little, 2.4 MiB enough; 0 means no limit.
        WriteSnapshot(dir, zxid: 0, 4 << 20);

        var txns = Read(dir, peer: 3, upTo: 12, factor);

        Assert.Equal(served, txns is not null);
        if (served)
            Assert.Equal(Enumerable.Range(2, 11).Select(z => (long)z), txns!.Select(t => t.Zxid.Value));
    }

    [Fact]
    public void PeerInTheNewestLogFile_IsServedWhateverTheFactor_AsJavaCountsOnlyLaterFiles()
    {
        using var dir = new TempDir();
        WriteLogs(dir, (1, 5), (6, 10), (11, 15));
        WriteSnapshot(dir, zxid: 0, 4 << 20);

        Assert.Equal([11L, 12, 13, 14, 15], Read(dir, peer: 12, upTo: 15, factor: 0.01)!.Select(t => t.Zxid.Value));
    }

    [Fact]
    public void OnlyACompleteLookingSnapshot_SetsTheLimit()
    {
        using var dir = new TempDir();
        WriteLogs(dir, (1, 5), (6, 10));
        WriteSnapshot(dir, zxid: 0, 4 << 20);
        // Newer, but without the "/" that ends a snapshot: Java's findMostRecentSnapshot passes over it.
        File.WriteAllBytes(Path.Combine(dir.VersionDir, DataFiles.SnapshotName(5)), new byte[1000]);

        // The later file (1 MiB) is within 0.33 × 4 MiB, not within 0.33 × 1000 bytes.
        Assert.NotNull(Read(dir, peer: 3, upTo: 10, factor: 0.33));
    }

    [Fact]
    public void NoSnapshot_MeansNoLimit()
    {
        using var dir = new TempDir();
        WriteLogs(dir, (1, 5), (6, 10), (11, 15));

        Assert.NotNull(Read(dir, peer: 3, upTo: 15, factor: 0.01));
    }

    [Fact]
    public void LogThatCannotBeRead_CannotServe()
    {
        using var dir = new TempDir();
        WriteLogs(dir, (1, 10));
        var directory = new DataDirectory(new VanishingStorage(), dir.VersionDir, dir.VersionDir, NullLogger.Instance);

        Assert.Null(TxnLogSync.Read(new VanishingStorage(), directory, new Zxid(4), new Zxid(8), 0.33, NullLogger.Instance));
    }

    private static IReadOnlyList<(Zxid Zxid, byte[] Txn)>? Read(TempDir dir, long peer, long upTo, double factor)
    {
        var directory = new DataDirectory(DiskStorage.Instance, dir.VersionDir, dir.VersionDir, NullLogger.Instance);
        return TxnLogSync.Read(DiskStorage.Instance, directory, new Zxid(peer), new Zxid(upTo), factor, NullLogger.Instance);
    }

    private static void WriteLogs(TempDir dir, params (long From, long To)[] files)
    {
        Directory.CreateDirectory(dir.VersionDir);
        foreach (var (from, to) in files)
            TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, from, to);
    }

    /// <summary>A file only as Java's validity check looks at it: its length and its last five bytes (int 1, '/').</summary>
    private static void WriteSnapshot(TempDir dir, long zxid, long length)
    {
        using var file = File.Create(Path.Combine(dir.VersionDir, DataFiles.SnapshotName(zxid)));
        file.SetLength(length);
        file.Position = length - 5;
        file.Write([0, 0, 0, 1, (byte)'/']);
    }

    /// <summary>Lists the files, then cannot open them: the purge task deleted them in between.</summary>
    private sealed class VanishingStorage : IStorage
    {
        public Stream Create(string path) => throw new IOException("read-only");

        public Stream OpenRead(string path) => throw new FileNotFoundException("gone", path);

        public Stream OpenWrite(string path) => throw new IOException("read-only");

        public void Sync(Stream stream)
        {
        }

        public IReadOnlyList<string> List(string directory) => DiskStorage.Instance.List(directory);

        public void Delete(string path)
        {
        }

        public void Rename(string from, string to)
        {
        }

        public void CreateDirectory(string path)
        {
        }

        public bool Exists(string path) => false;
    }
}
