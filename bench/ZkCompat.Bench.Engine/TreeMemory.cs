using System.Globalization;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Tree;

namespace ZkCompat.Bench.Engine;

/// <summary>
/// Live managed bytes per znode of the tree itself (after a full collection), for the memory
/// target: znodes of 100 bytes laid out as zkcompat-bench's populate makes them (1000 per parent),
/// each created with its own ACL list as a client's create carries one.
/// </summary>
internal static class TreeMemory
{
    public static string Measure(int count)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var tree = Build(count, out _);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(tree);
        return string.Create(CultureInfo.InvariantCulture, $"{count} znodes: {(after - before) / (double)count:F0} live bytes per znode (GC heap)");
    }

    /// <summary>
    /// Writes a snapshot of <paramref name="count"/> such znodes into DATADIR/version-2 (what
    /// <c>--recover</c> reads), without a server: a million take seconds instead of a populate run.
    /// </summary>
    public static string MakeSnapshot(string dataDir, int count)
    {
        var tree = Build(count, out var lastZxid);
        var versionDir = Path.Combine(dataDir, "version-2");
        Directory.CreateDirectory(versionDir);
        SnapshotWriter.Write(DiskStorage.Instance, versionDir, SnapshotImage.Capture(tree, new Zxid(lastZxid), []));
        return string.Create(CultureInfo.InvariantCulture, $"wrote a snapshot of {tree.NodeCount} znodes to {versionDir}");
    }

    private static DataTree Build(int count, out long lastZxid)
    {
        var tree = new DataTree();
        var events = new List<ChangeEvent>();
        tree.ApplyCreate("/zkcompat-bench", null, Acl(), 0, 1, new Zxid(1), 0, events);
        tree.ApplyCreate("/zkcompat-bench/pop", null, Acl(), 0, 1, new Zxid(2), 0, events);
        var zxid = 3L;
        for (var i = 0; i < count; i++)
        {
            if (i % 1000 == 0)
                tree.ApplyCreate(string.Create(CultureInfo.InvariantCulture, $"/zkcompat-bench/pop/b{i / 1000:D4}"), null, Acl(), 0, (i / 1000) + 1, new Zxid(zxid++), 0, events);
            var path = string.Create(CultureInfo.InvariantCulture, $"/zkcompat-bench/pop/b{i / 1000:D4}/n{i:D7}");
            tree.ApplyCreate(path, new byte[100], Acl(), 0, (i % 1000) + 1, new Zxid(zxid++), 0, events);
            events.Clear();
        }

        lastZxid = zxid - 1;
        return tree;
    }

    private static List<Acl> Acl() => [new(Perms.All, new Id("world", "anyone"))];
}
