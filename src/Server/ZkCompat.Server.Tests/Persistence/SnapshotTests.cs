using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Tests.Support;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Tests.Persistence;

public class SnapshotTests
{
    [Fact]
    public void EmptyTreeDigest_IsJavas()
    {
        // Verified against a live Java 3.8.0 server (PROTOCOL.md §11.9).
        Assert.Equal(0x51c6d660L, new DataTree().Digest);
    }

    [Fact]
    public void EmptySnapshot_HasJavasSize()
    {
        using var dir = new TempDir();
        RecoveryTests.WriteEmptySnapshot(dir);

        // Java 3.8.0 writes 457 bytes for the empty tree (PROTOCOL.md §12.3).
        Assert.Equal(457, new FileInfo(Path.Combine(dir.VersionDir, "snapshot.0")).Length);
    }

    [Fact]
    public void Snapshot_RoundTripsNodesAclsAndSessions()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);
        var tree = new DataTree();
        var events = new List<ChangeEvent>();
        List<Acl> digest = [new(Perms.Read | Perms.Admin, new Id("digest", "bob:abc="))];
        tree.ApplyCreate("/a", null, digest, 0, 1, new Zxid(5), 1000, events);
        tree.ApplyCreate("/a/e", [1, 2], [new(Perms.All, new Id("world", "anyone"))], 0x42, 1, new Zxid(6), 1001, events);
        tree.ApplyCreate("/c", [], digest, EphemeralKind.ContainerOwner, 2, new Zxid(7), 1002, events);
        tree.ApplySetData("/a/e", [3], 1, new Zxid(8), 1003, events);

        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, SnapshotImage.Capture(tree, new Zxid(8), [(0x42, 5000)]));
        var loaded = SnapshotReader.Read(DiskStorage.Instance, Path.Combine(dir.VersionDir, "snapshot.8"), 8);

        Assert.Equal(tree.Digest, loaded.Tree.Digest);
        Assert.Equal(5000, loaded.Sessions[0x42]);
        Assert.Equal(tree.PreOrder().Select(n => (n.Path, n.Node.ToStat())), loaded.Tree.PreOrder().Select(n => (n.Path, n.Node.ToStat())));
        Assert.Equal(digest, loaded.Tree.Get("/c")!.Acls);
        Assert.Null(loaded.Tree.Get("/a")!.Data);
        Assert.Equal(["/a/e"], loaded.Tree.EphemeralsOf(0x42));
    }

    [Fact]
    public void FlippedByte_FailsTheSeal()
    {
        using var dir = new TempDir();
        RecoveryTests.WriteEmptySnapshot(dir);
        var path = Path.Combine(dir.VersionDir, "snapshot.0");
        TxnLogTests.FlipByte(path, 60);

        Assert.Throws<InvalidDataException>(() => SnapshotReader.Read(DiskStorage.Instance, path, 0));
    }
}
