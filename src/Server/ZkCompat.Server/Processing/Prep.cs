using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Metrics;
using ZkCompat.Server.Security;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Processing;

/// <summary>
/// Turns one write request into its txn record, checking in Java's order so the same error wins
/// (PROTOCOL.md §3.7). Pure apart from the <see cref="PrepView"/> it updates. With
/// <paramref name="skipAcl"/> (zookeeper.skipACL=yes) every permission check passes, as Java's
/// checkACL returns at once; the ACL lists are still validated (INVALIDACL) and stored.
/// </summary>
internal sealed class Prep(PrepView view, bool extendedTypesEnabled, bool saslAclsEnabled, bool skipAcl, Quotas? enforcedQuotas, MetricRegistry? metrics = null)
{
    private const long MaxTtlMs = 0xFFFFFFFFFFL;

    /// <summary>Returns the txn type and record; throws <see cref="PrepException"/> for a failed check.</summary>
    public (OpCode Type, IJuteWritable Record) Write(OpCode op, IJuteWritable request, long sessionId, IReadOnlyCollection<Id> authIds) => (op, request) switch
    {
        (OpCode.Create or OpCode.Create2 or OpCode.CreateContainer, CreateRequest r) =>
            Create(op, r.Path, r.Data, r.Acls, r.Flags, -1, sessionId, authIds),
        (OpCode.CreateTtl, CreateTtlRequest r) => Create(op, r.Path, r.Data, r.Acls, r.Flags, r.Ttl, sessionId, authIds),
        (OpCode.Delete, DeleteRequest r) => (op, Delete(r, authIds)),
        (OpCode.SetData, SetDataRequest r) => (op, SetData(r, authIds)),
        (OpCode.SetAcl, SetAclRequest r) => (op, SetAcl(r, authIds)),
        (OpCode.Check, CheckVersionRequest r) => (op, Check(r, authIds)),
        (OpCode.Reconfig, _) => throw new PrepException(ErrorCode.ReconfigDisabled),
        // deleteContainer is the container manager's own op; from a client it is a bad argument.
        (OpCode.DeleteContainer, _) => throw new PrepException(ErrorCode.BadArguments),
        _ => throw new PrepException(ErrorCode.MarshallingError),
    };

    private (OpCode, IJuteWritable) Create(OpCode op, string path, byte[]? data, List<Acl>? acls, int flags, long ttl, long sessionId, IReadOnlyCollection<Id> authIds)
    {
        if (flags is < 0 or > (int)CreateMode.PersistentSequentialWithTtl)
            throw new PrepException(ErrorCode.BadArguments);
        var mode = (CreateMode)flags;
        var isTtl = mode is CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl;
        if (isTtl && !extendedTypesEnabled)
            throw new PrepException(ErrorCode.Unimplemented);
        if (isTtl ? ttl <= 0 || ttl > MaxTtlMs : ttl >= 0 || op == OpCode.CreateTtl)
            throw new PrepException(ErrorCode.BadArguments);
        var slash = path.LastIndexOf('/');
        if (slash < 0 || path.Contains('\0', StringComparison.Ordinal))
            throw new PrepException(ErrorCode.BadArguments);
        var fixedAcls = AclCheck.FixUp(acls, authIds, saslAclsEnabled) ?? throw new PrepException(ErrorCode.InvalidAcl);
        var parentPath = path[..slash];
        var parent = view.Get(parentPath) ?? throw new PrepException(ErrorCode.NoNode);
        Require(parent, authIds, Perms.Create);
        if (mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential or CreateMode.PersistentSequentialWithTtl)
            path += SequenceSuffix(parent.Cversion);
        if (!PathRules.IsValid(path))
            throw new PrepException(ErrorCode.BadArguments);
        if (view.Get(path) is not null)
            throw new PrepException(ErrorCode.NodeExists);
        if (EphemeralKind.IsSession(parent.EphemeralOwner))
            throw new PrepException(ErrorCode.NoChildrenForEphemerals);
        CheckQuota(path, data?.Length ?? 0, 1);

        var parentCversion = parent.Cversion + 1;
        view.Put(parentPath.Length == 0 ? "/" : parentPath, parent with { Cversion = parentCversion, ChildCount = parent.ChildCount + 1 });
        var ephemeral = mode is CreateMode.Ephemeral or CreateMode.EphemeralSequential;
        long owner = op switch
        {
            OpCode.CreateContainer => EphemeralKind.ContainerOwner,
            OpCode.CreateTtl => EphemeralKind.TtlOwner(ttl),
            _ => ephemeral ? sessionId : 0,
        };
        view.Put(path, new NodeRecord(fixedAcls, 0, 0, 0, owner, 0));
        IJuteWritable record = op switch
        {
            OpCode.CreateContainer => new CreateContainerTxn(path, data, fixedAcls, parentCversion),
            OpCode.CreateTtl => new CreateTtlTxn(path, data, fixedAcls, parentCversion, ttl),
            _ => new CreateTxn(path, data, fixedAcls, ephemeral, parentCversion),
        };
        return (op, record);
    }

    private DeleteTxn Delete(DeleteRequest request, IReadOnlyCollection<Id> authIds)
    {
        var path = request.Path;
        var slash = path.LastIndexOf('/');
        if (slash < 0 || path.Contains('\0', StringComparison.Ordinal) || DataTree.IsBuiltIn(path))
            throw new PrepException(ErrorCode.BadArguments);
        var parentPath = path[..slash];
        var parent = view.Get(parentPath) ?? throw new PrepException(ErrorCode.NoNode);
        Require(parent, authIds, Perms.Delete);
        var node = view.Get(path) ?? throw new PrepException(ErrorCode.NoNode);
        CheckVersion(node.Version, request.Version);
        if (node.ChildCount > 0)
            throw new PrepException(ErrorCode.NotEmpty);
        view.Put(parentPath.Length == 0 ? "/" : parentPath, parent with { ChildCount = parent.ChildCount - 1 });
        view.Put(path, null);
        return new DeleteTxn(path);
    }

    private SetDataTxn SetData(SetDataRequest request, IReadOnlyCollection<Id> authIds)
    {
        var node = ExistingValid(request.Path);
        Require(node, authIds, Perms.Write);
        CheckQuota(request.Path, (request.Data?.Length ?? 0) - (view.DataLength(request.Path) ?? 0), 0);
        var version = CheckVersion(node.Version, request.Version);
        view.Put(request.Path, node with { Version = version });
        return new SetDataTxn(request.Path, request.Data, version);
    }

    private SetAclTxn SetAcl(SetAclRequest request, IReadOnlyCollection<Id> authIds)
    {
        if (!PathRules.IsValid(request.Path))
            throw new PrepException(ErrorCode.BadArguments);
        var acls = AclCheck.FixUp(request.Acls, authIds, saslAclsEnabled) ?? throw new PrepException(ErrorCode.InvalidAcl);
        var node = view.Get(request.Path) ?? throw new PrepException(ErrorCode.NoNode);
        Require(node, authIds, Perms.Admin);
        var aversion = CheckVersion(node.Aversion, request.Version);
        view.Put(request.Path, node with { Acls = acls, Aversion = aversion });
        return new SetAclTxn(request.Path, acls, aversion);
    }

    private CheckVersionTxn Check(CheckVersionRequest request, IReadOnlyCollection<Id> authIds)
    {
        var node = ExistingValid(request.Path);
        Require(node, authIds, Perms.Read);
        return new CheckVersionTxn(request.Path, CheckVersion(node.Version, request.Version));
    }

    private NodeRecord ExistingValid(string path)
    {
        if (!PathRules.IsValid(path))
            throw new PrepException(ErrorCode.BadArguments);
        return view.Get(path) ?? throw new PrepException(ErrorCode.NoNode);
    }

    private void CheckQuota(string path, long bytesDiff, int countDiff)
    {
        if (enforcedQuotas?.Check(path, bytesDiff, countDiff) is ErrorCode.QuotaExceeded)
        {
            metrics?.QuotaExceeded(path);
            throw new PrepException(ErrorCode.QuotaExceeded);
        }
    }

    private void Require(NodeRecord node, IReadOnlyCollection<Id> authIds, Perms perms)
    {
        if (!skipAcl && !AclCheck.Allows(node.Acls, authIds, perms))
            throw new PrepException(ErrorCode.NoAuth);
    }

    /// <summary>-1 matches any version; the result is the next version (Java's checkAndIncVersion).</summary>
    private static int CheckVersion(int current, int expected) =>
        expected == -1 || expected == current ? unchecked(current + 1) : throw new PrepException(ErrorCode.BadVersion);

    /// <summary>Java's %010d: ten digits, sign included in the width (§7.3).</summary>
    internal static string SequenceSuffix(int counter) =>
        counter < 0 ? "-" + ((long)-(long)counter).ToString().PadLeft(9, '0') : counter.ToString("D10");
}
