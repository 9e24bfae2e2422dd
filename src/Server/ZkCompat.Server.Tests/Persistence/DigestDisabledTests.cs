using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;
using ZkCompat.Server.Ops;
using ZkCompat.Server.Options;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Tests.Support;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Tests.Persistence;

/// <summary>
/// zookeeper.digest.enabled=false as Java 3.8.0 applies it: the tree digest stays 0, txn log entries
/// carry no TxnDigest, snapshots end after their first seal (Java wrote 424 bytes for the empty tree,
/// against 457 with the digest), a digest-off reader does not look past that seal, and the hash
/// command still records every 128th zxid, each with digest 0.
/// </summary>
public class DigestDisabledTests
{
    private static ServerOptions Options(bool digestEnabled) => EngineFixture.DefaultOptions with
    {
        Properties = new Dictionary<string, string> { ["zookeeper.digest.enabled"] = digestEnabled ? "true" : "false" },
    };

    /// <summary>An engine on a real txn log in <paramref name="dir"/>; a session, then creates up to zxid <paramref name="lastZxid"/>.</summary>
    private static Engine WriteThrough(TempDir dir, bool digestEnabled, int lastZxid)
    {
        Directory.CreateDirectory(dir.VersionDir);
        var options = Options(digestEnabled) with { DataDir = dir.Path };
        var directory = new DataDirectory(DiskStorage.Instance, dir.VersionDir, dir.VersionDir, NullLogger.Instance, digestEnabled: digestEnabled);
        var store = new StandaloneStore(DiskStorage.Instance, directory, options, new SnapshotSchedule(options.SnapCount, 0), NullLogger.Instance);
        var engine = new Engine(options, new ManualTime(), NullLogger.Instance, store, directory.Recover(trustEmptySnapshot: false));
        var ch = new RecordingChannel();
        engine.ProcessBatch([new ConnectWork(ch, new ConnectRequest(0, Zxid.Zero, 10_000, SessionId.None, new byte[16]), true)]);
        engine.ProcessBatch([.. Enumerable.Range(2, lastZxid - 1).Select(i =>
            (Work)new RequestWork(ch, i, OpCode.Create, new CreateRequest($"/n{i}", [(byte)i], TestClientExtensions.OpenAcl, 0), false))]);
        return engine;
    }

    [Fact]
    public void DigestOff_LogEntriesHaveNoTxnDigest_AndTheTreeDigestStaysZero()
    {
        using var dir = new TempDir();

        var engine = WriteThrough(dir, digestEnabled: false, lastZxid: 5);
        var scan = TxnLogScanner.Scan(DiskStorage.Instance, TxnLogTests.LogFile(dir.VersionDir, 1));

        Assert.Equal(0, engine.Tree.Digest);
        Assert.Equal(5, scan.Txns.Count);
        Assert.All(scan.Txns, t => Assert.Null(t.Digest));
    }

    [Fact]
    public void DigestOn_LogEntriesCarryTheTreeDigestAfterThem()
    {
        using var dir = new TempDir();

        var engine = WriteThrough(dir, digestEnabled: true, lastZxid: 5);
        var scan = TxnLogScanner.Scan(DiskStorage.Instance, TxnLogTests.LogFile(dir.VersionDir, 1));

        Assert.All(scan.Txns, t => Assert.NotNull(t.Digest));
        Assert.Equal(engine.Tree.Digest, scan.Txns[^1].Digest!.TreeDigest);
    }

    [Fact]
    public void DigestOff_EmptySnapshot_EndsAfterTheFirstSeal_AsJavasDoes()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);

        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, SnapshotImage.Capture(new DataTree(digestEnabled: false), Zxid.Zero, []));

        // Java 3.8.0 with digest.enabled=false wrote 424 bytes for the empty tree (457 with the digest).
        Assert.Equal(424, new FileInfo(Path.Combine(dir.VersionDir, "snapshot.0")).Length);
    }

    [Fact]
    public void DigestOffSnapshot_ReadsWithDigestsOn_AndTheDigestIsComputedAgain()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);
        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, SnapshotImage.Capture(new DataTree(digestEnabled: false), Zxid.Zero, []));

        var loaded = SnapshotReader.Read(DiskStorage.Instance, Path.Combine(dir.VersionDir, "snapshot.0"), 0, digestEnabled: true);

        Assert.Equal(0x51c6d660L, loaded.Tree.Digest);
    }

    [Fact]
    public void DigestOffReader_DoesNotReadTheDigestSection_AsJavaDoesNot()
    {
        using var dir = new TempDir();
        RecoveryTests.WriteEmptySnapshot(dir);
        var path = Path.Combine(dir.VersionDir, "snapshot.0");
        // A byte of the digest section: its seal no longer matches.
        TxnLogTests.FlipByte(path, new FileInfo(path).Length - 20);

        Assert.Throws<InvalidDataException>(() => SnapshotReader.Read(DiskStorage.Instance, path, 0, digestEnabled: true));
        var loaded = SnapshotReader.Read(DiskStorage.Instance, path, 0, digestEnabled: false);
        Assert.Equal(0, loaded.Tree.Digest);
    }

    [Fact]
    public void SnapStream_WithDigestsOff_HasTheSameBodyAsWithThem()
    {
        var on = new DataTree();
        var off = new DataTree(digestEnabled: false);

        var streamOn = SnapshotWriter.Stream(SnapshotImage.Capture(on, new Zxid(3), [(5, 4000)]));
        var streamOff = SnapshotWriter.Stream(SnapshotImage.Capture(off, new Zxid(3), [(5, 4000)]));

        Assert.Equal(streamOn, streamOff);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HashCommand_ListsEvery128thZxid_WithDigestZeroWhenOff(bool digestEnabled)
    {
        using var dir = new TempDir();

        var engine = WriteThrough(dir, digestEnabled, lastZxid: 300);
        var text = FourLetterText.Digests(EngineView.Capture(engine, 0));

        Assert.Equal([0x80L, 0x100L], engine.Tree.DigestLog.Entries.Select(e => e.Zxid));
        if (digestEnabled)
            Assert.All(engine.Tree.DigestLog.Entries, e => Assert.NotEqual(0, e.Digest));
        else
            Assert.Equal("80: 0\n100: 0\n", text);
    }

    [Fact]
    public void DigestHistory_KeepsTheNewest1024_AndSkipsTheFuzzyStretch()
    {
        var history = new DigestHistory();
        history.FuzzyUntil(0x100);
        for (long zxid = 1; zxid <= 0x180; zxid++)
            history.Applied(new Zxid(zxid), zxid);
        Assert.Equal([(0x180L, 0x180L)], history.Entries);

        for (long zxid = 0x181; zxid <= 0x180 + (1100 * 128); zxid++)
            history.Applied(new Zxid(zxid), zxid);
        Assert.Equal(DigestHistory.Capacity, history.Entries.Count);
        Assert.Equal(0x180 + (1100 * 128), history.Entries[^1].Zxid);
    }

    [Fact]
    public void FuzzySnapshot_DigestTakenAfterItsZxid_DelaysTheHistory()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);
        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, SnapshotImage.Capture(new DataTree(), new Zxid(0x100), []));
        // The same content filed under an earlier zxid: Java's fuzzy snapshot, whose digest is of a later state.
        File.Move(Path.Combine(dir.VersionDir, "snapshot.100"), Path.Combine(dir.VersionDir, "snapshot.80"));

        var tree = SnapshotReader.Read(DiskStorage.Instance, Path.Combine(dir.VersionDir, "snapshot.80"), 0x80).Tree;
        tree.Applied(new Zxid(0x100));
        tree.Applied(new Zxid(0x180));

        Assert.Equal([0x180L], tree.DigestLog.Entries.Select(e => e.Zxid));
    }

    [Fact]
    public void WithoutDigest_DropsOnlyTheTrailingTxnDigest()
    {
        var txn = TxnLogTests.Create(9);
        var withDigest = new System.Buffers.ArrayBufferWriter<byte>();
        TxnCodec.Write(withDigest, txn, 1234);
        var without = new System.Buffers.ArrayBufferWriter<byte>();
        TxnCodec.Write(without, txn, null);

        Assert.Equal(without.WrittenSpan.ToArray(), TxnCodec.WithoutDigest(withDigest.WrittenSpan.ToArray()));
        Assert.Equal(without.WrittenSpan.ToArray(), TxnCodec.WithoutDigest(without.WrittenSpan.ToArray()));
    }
}
