using ZkCompat.Server.Persistence;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests.Persistence;

/// <summary>The preallocated tail is a hole on disk; skipping holes must still see any byte of data in it.</summary>
public class TxnLogTailTests
{
    private const long JavaPreAlloc = 64L * 1024 * 1024;

    [Fact]
    public void FullSizePreallocatedTail_IsClean()
    {
        using var dir = new TempDir();
        WriteLog(dir.Path);

        var scan = TxnLogScanner.Scan(DiskStorage.Instance, TxnLogTests.LogFile(dir.Path, 1));

        Assert.Equal(LogTail.Clean, scan.Tail);
        Assert.Equal(3, scan.Txns.Count);
    }

    [Theory]
    [InlineData(40L * 1024 * 1024)]
    [InlineData(JavaPreAlloc - 2)]
    public void OneByteDeepInTheHole_IsCorruption(long offset)
    {
        using var dir = new TempDir();
        WriteLog(dir.Path);
        var path = TxnLogTests.LogFile(dir.Path, 1);
        TxnLogTests.FlipByte(path, offset);

        var scan = TxnLogScanner.Scan(DiskStorage.Instance, path);

        Assert.Equal(LogTail.Corrupt, scan.Tail);
        Assert.Contains("data after the end-of-log marker", scan.Problem);
    }

    [Fact]
    public void DataRegions_OfAFileWithoutHoles_CoverIt()
    {
        using var dir = new TempDir();
        var path = System.IO.Path.Combine(dir.Path, "plain");
        File.WriteAllBytes(path, new byte[10_000]);
        using var file = DiskStorage.Instance.OpenRead(path);

        var regions = SparseFiles.DataRegions(file, 100);

        Assert.NotNull(regions);
        Assert.Equal(100, regions[0].Start);
        Assert.Equal(10_000, regions[^1].End);
    }

    private static void WriteLog(string dir)
    {
        using var log = new TxnLog(new FaultyStorage(), dir, JavaPreAlloc, forceSync: false);
        for (var zxid = 1; zxid <= 3; zxid++)
            log.Append(TxnLogTests.Create(zxid), zxid);
        log.Flush();
    }
}
