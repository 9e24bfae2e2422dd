using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Tests.Support;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Tests.Persistence;

/// <summary>snapshot.&lt;zxid&gt;.gz and .snappy, as Java's SnapStream writes and reads them (PROTOCOL.md §12.3).</summary>
public class CompressedSnapshotTests
{
    // Java 3.8.0's startup snapshot of an empty tree with snapshot.compression.method=snappy / gz
    // (457 bytes uncompressed, §12.3), recorded from Debian's zookeeper 3.8.0.
    private const string JavaEmptySnappy =
        "82534e415050590000000001000000010000009ec903205a4b534e00000002ff0d0100000901000109070508010c01043c05776f726c"
        + "6400000006616e796f6e650d2300000d3a113bde0100280a2f7a6f6f6b65657065720143fe56000d5600111956182f636f6e66696701"
        + "5d0d0101d6920100018d4a290000101d5d1071756f74610124012c0101010cea01002c012f00000000b8a23b4900000d0d0d0100020d"
        + "0834000000000095b93d59000000012f";

    private const string JavaEmptyGzip =
        "1f8b08000000000000ff8bf20ef663606060fa0f050c10c08844c3306b797e514e0a90c1969857999f970a55c280a6955cc0a55f959f"
        + "9f9d9a5a905a4445530511a6ea27e7e7a565a6234932e2d4860670384400c9f0c2d2fc92442a3a9c511f44ee5864ed09e7400113b2b2"
        + "a93b6d23c10a00a6d83ce5c9010000";

    [Theory]
    [InlineData(JavaEmptySnappy, "snapshot.0.snappy")]
    [InlineData(JavaEmptyGzip, "snapshot.0.gz")]
    public void JavasCompressedEmptySnapshot_IsRecovered(string hex, string name)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);
        File.WriteAllBytes(Path.Combine(dir.VersionDir, name), Convert.FromHexString(hex));
        TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, 1, 3);

        var state = RecoveryTests.Directory(dir).Recover(trustEmptySnapshot: false);

        Assert.True(state.FromSnapshot);
        Assert.Equal(457, Uncompressed(Path.Combine(dir.VersionDir, name)).Length);
        Assert.Equal(new Zxid(3), state.LastZxid);
        Assert.NotNull(state.Tree.Get("/n3"));
    }

    [Theory]
    [InlineData("gz", "snapshot.9.gz")]
    [InlineData("snappy", "snapshot.9.snappy")]
    public void CompressedSnapshot_HoldsExactlyThePlainStream(string method, string name)
    {
        var compression = Method(method);
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);
        var image = SnapshotImage.Capture(BigTree(), new Zxid(9), [(0x42, 5000)]);
        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, image);
        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, image, compression);
        var plain = File.ReadAllBytes(Path.Combine(dir.VersionDir, "snapshot.9"));
        var compressed = Path.Combine(dir.VersionDir, name);

        Assert.Equal(plain, Uncompressed(compressed));
        Assert.True(new FileInfo(compressed).Length < plain.Length / 2, "compressed");
        var loaded = SnapshotReader.Read(DiskStorage.Instance, compressed, 9);
        Assert.Equal(BigTree().Digest, loaded.Tree.Digest);
        Assert.Equal(5000, loaded.Sessions[0x42]);
    }

    [Theory]
    [InlineData("gz")]
    [InlineData("snappy")]
    public void DataDirWithOnlyACompressedSnapshot_RecoversItsTree(string method)
    {
        // The silent loss this replaced: logs purged, the tree only in snapshot.<zxid>.gz, and the
        // server came up empty.
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);
        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, SnapshotImage.Capture(BigTree(), new Zxid(2000), []), Method(method));

        var state = RecoveryTests.Directory(dir).Recover(trustEmptySnapshot: false);

        Assert.True(state.FromSnapshot);
        Assert.Equal(new Zxid(2000), state.LastZxid);
        Assert.Equal(BigTree().Digest, state.Tree.Digest);
    }

    [Fact]
    public void SnappyFile_IsSnappyJavasFraming()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);
        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, SnapshotImage.Capture(BigTree(), new Zxid(9), []), SnapshotCompression.Snappy);
        var file = File.ReadAllBytes(Path.Combine(dir.VersionDir, "snapshot.9.snappy"));

        Assert.Equal(Convert.FromHexString(JavaEmptySnappy)[..16], file[..16]);
        var chunks = 0;
        for (var offset = 16; offset < file.Length; chunks++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            Assert.InRange(Snappier.Snappy.GetUncompressedLength(file.AsSpan(offset + 4, length)), 1, SnappyFraming.BlockBytes);
            offset += 4 + length;
        }

        Assert.True(chunks > 2, $"{chunks} chunks");
    }

    [Theory]
    [InlineData("gz")]
    [InlineData("snappy")]
    public void DamagedCompressedSnapshot_FallsBackToThePreviousOne(string method)
    {
        var compression = Method(method);
        using var dir = new TempDir();
        RecoveryTests.WriteEmptySnapshot(dir);
        TxnLogTests.WriteLog(dir.VersionDir, DiskStorage.Instance, 1, 4);
        var tree = RecoveryTests.Directory(dir).Recover(false).Tree;
        var directory = new DataDirectory(DiskStorage.Instance, dir.VersionDir, dir.VersionDir, NullLogger.Instance, compression);
        directory.WriteSnapshot(SnapshotImage.Capture(tree, new Zxid(4), []));
        var name = DataFiles.SnapshotName(4, compression);
        TxnLogTests.FlipByte(Path.Combine(dir.VersionDir, name), (int)new FileInfo(Path.Combine(dir.VersionDir, name)).Length / 2);

        Assert.Throws<InvalidDataException>(() => SnapshotReader.Read(DiskStorage.Instance, Path.Combine(dir.VersionDir, name), 4));
        var state = RecoveryTests.Directory(dir).Recover(trustEmptySnapshot: false);
        Assert.Equal(new Zxid(4), state.LastZxid);
        Assert.NotNull(state.Tree.Get("/n4"));
    }

    [Fact]
    public void SnapshotNames_TakeJavasExtensionsAndSkipOthers()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);
        foreach (var name in new[] { "snapshot.5", "snapshot.6.gz", "snapshot.7.SNAPPY", "snapshot.8.tmp", "snapshot.9.gz.tmp", "snapshot.a.bak", "snapshotx.1" })
            File.WriteAllBytes(Path.Combine(dir.VersionDir, name), []);

        var found = DataFiles.Sorted(DiskStorage.Instance, dir.VersionDir, DataFiles.SnapshotPrefix);

        Assert.Equal([(5L, "snapshot.5"), (6L, "snapshot.6.gz"), (7L, "snapshot.7.SNAPPY")], found.Select(f => (f.Zxid, Path.GetFileName(f.Path))));
    }

    [Fact]
    public void Purge_CountsCompressedSnapshots()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);
        var compressions = new[] { SnapshotCompression.None, SnapshotCompression.Gzip, SnapshotCompression.Snappy, SnapshotCompression.Gzip };
        for (var i = 0; i < compressions.Length; i++)
            SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, SnapshotImage.Capture(new DataTree(), new Zxid(10 * i), []), compressions[i]);

        RecoveryTests.Directory(dir).Purge(retain: 3);

        Assert.Equal(["snapshot.14.snappy", "snapshot.1e.gz", "snapshot.a.gz"], Directory.GetFiles(dir.VersionDir).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("gz", ".gz")]
    [InlineData("GZ", ".gz")]
    [InlineData("snappy", ".snappy")]
    [InlineData("Snappy", ".snappy")]
    public void Setting_IsReadIgnoringCase(string? value, string extension)
    {
        Assert.True(SnapshotCodec.TryParseSetting(value, out var compression));
        Assert.Equal(extension, SnapshotCodec.Extension(compression));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("lz4")]
    public void UnknownSetting_IsNotTaken(string value) => Assert.False(SnapshotCodec.TryParseSetting(value, out _));

    private static SnapshotCompression Method(string method) =>
        SnapshotCodec.TryParseSetting(method, out var compression) ? compression : throw new ArgumentException(method);

    private static byte[] Uncompressed(string path)
    {
        using var file = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }

        return SnappyFraming.Decode(File.ReadAllBytes(path)).ToArray();
    }

    /// <summary>About 400 KB of varied nodes: many snappy blocks, and data worth compressing.</summary>
    private static DataTree BigTree()
    {
        var tree = new DataTree();
        var events = new List<ChangeEvent>();
        List<Acl> open = [new(Perms.All, new Id("world", "anyone"))];
        for (var i = 1; i <= 2000; i++)
        {
            var data = System.Text.Encoding.UTF8.GetBytes($"value {i} " + new string((char)('a' + (i % 26)), i % 300));
            tree.ApplyCreate($"/node-{i:D5}", data, open, 0, i, new Zxid(i), 1_700_000_000_000 + i, events);
        }

        return tree;
    }
}
