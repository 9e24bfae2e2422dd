using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Processing;

/// <summary>
/// The container manager (PROTOCOL.md §7.4): empty containers that once had a child, never-used
/// containers past znode.container.maxNeverUsedIntervalMs, and empty TTL nodes whose mtime is
/// older than their TTL, are deleted with internal deleteContainer txns (session 0, cxid 0).
/// </summary>
internal sealed partial class Engine
{
    private void CheckContainers()
    {
        if (_ensemble is not null && !_leading)
            return;
        // Java spreads maxPerMinute over the minute; per check we allow its share of the minute.
        var budget = Math.Max(1, (int)((long)_options.ContainerMaxPerMinute * _options.ContainerCheckIntervalMs / 60_000));
        foreach (var path in ContainerCandidates().Take(budget).ToList())
        {
            var txn = NewTxn(0, 0, OpCode.DeleteContainer, null);
            var node = Tree.Get(path);
            txn = node is null || node.Children.Count > 0
                ? txn with { Header = txn.Header with { Type = OpCode.Error }, Record = new ErrorTxn(node is null ? ErrorCode.NoNode : ErrorCode.NotEmpty) }
                : txn with { Record = new DeleteTxn(path) };
            if (_ensemble is null)
                Commit(txn);
            else
                Propose(txn);
        }
    }

    private IEnumerable<string> ContainerCandidates()
    {
        var now = WallMs;
        foreach (var path in Tree.Containers)
        {
            var node = Tree.Get(path)!;
            if (node.Children.Count > 0)
                continue;
            var neverUsedLimit = _options.ContainerMaxNeverUsedIntervalMs;
            if (node.Cversion > 0 || (neverUsedLimit != 0 && now - node.Mtime > neverUsedLimit))
                yield return path;
        }

        foreach (var path in Tree.Ttls)
        {
            var node = Tree.Get(path)!;
            var ttl = EphemeralKind.TtlOf(node.EphemeralOwner);
            if (node.Children.Count == 0 && ttl != 0 && now - node.Mtime > ttl)
                yield return path;
        }
    }
}
