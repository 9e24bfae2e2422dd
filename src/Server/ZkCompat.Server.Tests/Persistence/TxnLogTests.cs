using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests.Persistence;

public class TxnLogTests
{
    internal const long PreAlloc = 1 << 20;

    [Fact]
    public void AppendedTxns_ScanBackInOrder_WithTheirDigests()
    {
        using var dir = new TempDir();
        WriteLog(dir.Path, new FaultyStorage(), 1, 5);

        var scan = TxnLogScanner.Scan(DiskStorage.Instance, LogFile(dir.Path, 1));

        Assert.Equal(LogTail.Clean, scan.Tail);
        Assert.Equal([1L, 2, 3, 4, 5], scan.Txns.Select(t => t.Txn.Header.Zxid.Value));
        Assert.Equal("/n3", ((CreateTxn)scan.Txns[2].Txn.Record!).Path);
        Assert.All(scan.Txns, t => Assert.Equal(1000 + t.Txn.Header.Zxid.Value, t.Digest!.TreeDigest));
    }

    [Fact]
    public void Scan_SkippingThroughAZxid_ReturnsOnlyLaterTxns_AndStillEndsClean()
    {
        using var dir = new TempDir();
        WriteLog(dir.Path, new FaultyStorage(), 1, 5);

        var scan = TxnLogScanner.Scan(DiskStorage.Instance, LogFile(dir.Path, 1), skipThrough: 3);

        Assert.Equal(LogTail.Clean, scan.Tail);
        Assert.Equal([4L, 5], scan.Txns.Select(t => t.Txn.Header.Zxid.Value));
    }

    [Fact]
    public void NewLog_IsHeaderPlusWholePreallocationSteps_AsJavaPads()
    {
        using var dir = new TempDir();
        WriteLog(dir.Path, new FaultyStorage(), 1, 3);

        Assert.Equal(16 + PreAlloc, new FileInfo(LogFile(dir.Path, 1)).Length);
    }

    [Fact]
    public void ManyTxnsInOneFlush_CostOneFsync()
    {
        using var dir = new TempDir();
        var storage = new FaultyStorage();

        WriteLog(dir.Path, storage, 1, 200);

        Assert.Equal(1, storage.Syncs);
    }

    [Fact]
    public void ForceSyncNo_NeverFsyncs()
    {
        using var dir = new TempDir();
        var storage = new FaultyStorage();
        using (var log = new TxnLog(storage, dir.Path, PreAlloc, forceSync: false))
        {
            log.Append(Create(1), 0);
            log.Flush();
        }

        Assert.Equal(0, storage.Syncs);
    }

    [Fact]
    public void LastEntryCutShort_IsATornTail()
    {
        using var dir = new TempDir();
        WriteLog(dir.Path, new FaultyStorage(), 1, 3);
        var path = LogFile(dir.Path, 1);
        var end = TxnLogScanner.Scan(DiskStorage.Instance, path).GoodEnd;
        var lastStart = EntryStart(path, 2);
        // The crash kept the first 20 bytes of the last entry; the rest stayed preallocated zeros.
        ZeroRange(path, lastStart + 20, end - lastStart - 20);

        var scan = TxnLogScanner.Scan(DiskStorage.Instance, path);

        Assert.Equal(LogTail.Torn, scan.Tail);
        Assert.Equal(2, scan.Txns.Count);
        Assert.Equal(lastStart, scan.GoodEnd);
    }

    [Fact]
    public void DamagedEntryWithDataAfterIt_IsCorruption()
    {
        using var dir = new TempDir();
        WriteLog(dir.Path, new FaultyStorage(), 1, 3);
        var path = LogFile(dir.Path, 1);
        FlipByte(path, EntryStart(path, 1) + 30);

        var scan = TxnLogScanner.Scan(DiskStorage.Instance, path);

        Assert.Equal(LogTail.Corrupt, scan.Tail);
        Assert.Contains("CRC check failed", scan.Problem);
        Assert.Single(scan.Txns);
    }

    internal static Txn Create(long zxid) => new(
        new TxnHeader(new SessionId(7), (int)zxid, new Zxid(zxid), 1_700_000_000_000 + zxid, OpCode.Create),
        new CreateTxn($"/n{zxid}", [(byte)zxid], [new Acl(Perms.All, new Id("world", "anyone"))], false, (int)zxid));

    internal static void WriteLog(string dir, IStorage storage, long from, long to)
    {
        using var log = new TxnLog(storage, dir, PreAlloc, forceSync: true);
        for (var zxid = from; zxid <= to; zxid++)
            log.Append(Create(zxid), 1000 + zxid);
        log.Flush();
    }

    internal static string LogFile(string dir, long zxid) => Path.Combine(dir, DataFiles.LogName(zxid));

    /// <summary>The file offset where entry <paramref name="index"/> starts.</summary>
    internal static long EntryStart(string path, int index)
    {
        var bytes = File.ReadAllBytes(path);
        long position = 16;
        for (var i = 0; i < index; i++)
            position += 13 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan((int)position + 8));
        return position;
    }

    internal static void FlipByte(string path, long offset)
    {
        using var file = File.Open(path, FileMode.Open);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0xFF));
    }

    internal static void ZeroRange(string path, long offset, long count)
    {
        using var file = File.Open(path, FileMode.Open);
        file.Position = offset;
        file.Write(new byte[count]);
    }
}
