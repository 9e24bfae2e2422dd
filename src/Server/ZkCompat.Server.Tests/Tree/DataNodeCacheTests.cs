using ZkCompat.Protocol.Ids;
using ZkCompat.Server.Security;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Tests.Tree;

/// <summary>The tree keeps each node's digest term and its read replies cached; every change must refresh them.</summary>
public class DataNodeCacheTests
{
    [Fact]
    public void TreeDigest_AfterEveryKindOfChange_EqualsTheSumOfFreshNodeDigests()
    {
        var tree = new DataTree();
        var events = new List<ChangeEvent>();
        tree.ApplyCreate("/a", [1, 2, 3], Acls.Open, 0, 1, new Zxid(1), 10, events);
        AssertDigestFresh(tree);
        tree.ApplyCreate("/a/b", new byte[40], Acls.Open, 0, 1, new Zxid(2), 11, events);
        tree.ApplyCreate("/a/c", null, Acls.Open, 0x55, 2, new Zxid(3), 12, events);
        AssertDigestFresh(tree);
        tree.ApplySetData("/a/b", [9], 1, new Zxid(4), 13, events);
        AssertDigestFresh(tree);
        tree.ApplySetAcl("/a", Acls.ReadOnly, 1);
        AssertDigestFresh(tree);
        tree.ApplyDelete("/a/c", new Zxid(5), events);
        AssertDigestFresh(tree);
        tree.ApplyDelete("/a/b", new Zxid(6), events);
        tree.ApplyDelete("/a", new Zxid(7), events);
        AssertDigestFresh(tree);
    }

    [Fact]
    public void CachedStatAndReply_AreReused_UntilTheNodeOrItsChildrenChange()
    {
        var tree = new DataTree();
        var events = new List<ChangeEvent>();
        tree.ApplyCreate("/a", [1], Acls.Open, 0, 1, new Zxid(1), 10, events);
        var node = tree.Get("/a")!;
        var first = node.ToDataReply();
        Assert.Same(first, node.ToDataReply());
        Assert.Same(first.Stat, node.ToStat());

        tree.ApplyCreate("/a/b", null, Acls.Open, 0, 1, new Zxid(2), 11, events);
        Assert.Equal(1, node.ToStat().NumChildren);
        Assert.Equal(new Zxid(2), node.ToStat().Pzxid);

        tree.ApplySetData("/a", [1, 2], 1, new Zxid(3), 12, events);
        var changed = node.ToDataReply();
        Assert.NotSame(first, changed);
        Assert.Equal((2, 1, new Zxid(3)), (changed.Stat.DataLength, changed.Stat.Version, changed.Stat.Mzxid));
        Assert.Equal([1, 2], changed.Data);

        tree.ApplyDelete("/a/b", new Zxid(4), events);
        Assert.Equal(0, node.ToStat().NumChildren);
        Assert.Empty(node.Children);
    }

    private static void AssertDigestFresh(DataTree tree)
    {
        long sum = 0;
        foreach (var (path, node) in tree.PreOrder())
            sum += NodeDigest.Of(Utf8Path.Encode(path), node);
        Assert.Equal(sum, tree.Digest);
    }
}
