using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Security;
using ZkCompat.Server.Tests.Support;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Tests.Persistence;

/// <summary>The capture copies nodes in the tree's storage order; the file must still list parents first.</summary>
public class SnapshotOrderTests
{
    [Fact]
    public void ChildStoredBeforeItsParent_IsWrittenAfterIt_AndLoads()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);
        var tree = new DataTree();
        var events = new List<ChangeEvent>();
        tree.ApplyCreate("/gone", null, Acls.Open, 0, 1, new Zxid(1), 1, events);
        tree.ApplyCreate("/q", null, Acls.Open, 0, 2, new Zxid(2), 2, events);
        tree.ApplyDelete("/gone", new Zxid(3), events);
        // The freed slot comes first in the tree's storage: the child is stored before its parent.
        tree.ApplyCreate("/q/child", [7], Acls.Open, 0, 1, new Zxid(4), 4, events);
        tree.ApplyCreate("/q/child/leaf", [8], Acls.Open, 0, 1, new Zxid(5), 5, events);
        var stored = tree.Nodes.Keys.Select(Utf8Path.Decode).ToList();
        Assert.True(stored.IndexOf("/q/child") < stored.IndexOf("/q"), "the test needs a child stored before its parent");

        var image = SnapshotImage.Capture(tree, new Zxid(5), []);
        var written = image.ParentsFirst().Select(n => Utf8Path.Decode(n.Path)).ToList();
        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, image);
        var loaded = SnapshotReader.Read(DiskStorage.Instance, Path.Combine(dir.VersionDir, "snapshot.5"), 5);

        Assert.True(written.IndexOf("/q") < written.IndexOf("/q/child") && written.IndexOf("/q/child") < written.IndexOf("/q/child/leaf"));
        Assert.Equal(tree.Digest, loaded.Tree.Digest);
        Assert.Equal([8], loaded.Tree.Get("/q/child/leaf")!.Data);
        Assert.Equal(tree.NodeCount, loaded.Tree.NodeCount);
    }

    [Fact]
    public void EqualAclLists_AreSharedByTheTree_AndSurviveASnapshot()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.VersionDir);
        var tree = new DataTree();
        var events = new List<ChangeEvent>();
        List<Acl> Bob() => [new(Perms.Read, new Id("digest", "bob:abc="))];
        tree.ApplyCreate("/a", null, Bob(), 0, 1, new Zxid(1), 1, events);
        tree.ApplyCreate("/b", null, Bob(), 0, 2, new Zxid(2), 2, events);
        tree.ApplyCreate("/c", null, [new(Perms.All, new Id("world", "anyone"))], 0, 3, new Zxid(3), 3, events);

        Assert.Same(tree.Get("/a")!.Acls, tree.Get("/b")!.Acls);
        Assert.Same(Acls.Open, tree.Get("/c")!.Acls);
        SnapshotWriter.Write(DiskStorage.Instance, dir.VersionDir, SnapshotImage.Capture(tree, new Zxid(3), []));
        var loaded = SnapshotReader.Read(DiskStorage.Instance, Path.Combine(dir.VersionDir, "snapshot.3"), 3).Tree;
        Assert.Equal(Bob(), loaded.Get("/b")!.Acls);
        Assert.Equal(Acls.Open, loaded.Get("/c")!.Acls);
    }
}
