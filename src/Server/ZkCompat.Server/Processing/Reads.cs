using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Metrics;
using ZkCompat.Server.Net;
using ZkCompat.Server.Security;
using ZkCompat.Server.Tree;
using ZkCompat.Server.Watches;

namespace ZkCompat.Server.Processing;

/// <summary>
/// Requests answered from the local tree without a txn (PROTOCOL.md §3.3, §5). With
/// <paramref name="skipAcl"/> (zookeeper.skipACL=yes) every permission check passes, as Java's
/// checkACL returns at once: getACL then shows digest ids unmasked, since the ADMIN check passes too.
/// </summary>
internal sealed class Reads(DataTree tree, WatchManager watches, bool skipAcl, MetricRegistry? metrics = null)
{
    public (ErrorCode Err, IJuteWritable? Body) Handle(IClientChannel ch, OpCode op, IJuteWritable? body) => (op, body) switch
    {
        (OpCode.Exists, PathWatchRequest r) => Exists(ch, r),
        (OpCode.GetData, PathWatchRequest r) => GetData(ch, r.Path, r.Watch ? ch : null),
        (OpCode.GetChildren or OpCode.GetChildren2, PathWatchRequest r) => GetChildren(ch, r.Path, r.Watch ? ch : null, op == OpCode.GetChildren2),
        (OpCode.GetAcl, PathRequest r) => GetAcl(ch, r.Path ?? ""),
        (OpCode.Sync, PathRequest r) => (ErrorCode.Ok, new PathResponse(r.Path!)),
        (OpCode.GetEphemerals, PathRequest r) => (ErrorCode.Ok, Ephemerals(ch, r.Path)),
        (OpCode.GetAllChildrenNumber, PathRequest r) => CountAll(ch, r.Path ?? ""),
        (OpCode.WhoAmI, _) => (ErrorCode.Ok, WhoAmI(ch)),
        (OpCode.MultiRead, MultiRequest r) => MultiRead(ch, r),
        (OpCode.SetWatches, SetWatches r) => Rearm(ch, r.RelativeZxid.Value, r.DataWatches, r.ExistWatches, r.ChildWatches),
        (OpCode.SetWatches2, SetWatches2 r) => Rearm2(ch, r),
        (OpCode.AddWatch, AddWatchRequest r) => AddWatch(ch, r),
        (OpCode.CheckWatches or OpCode.RemoveWatches, WatchesRequest r) when !Enum.IsDefined(r.Type) => (ErrorCode.MarshallingError, null),
        (OpCode.CheckWatches, WatchesRequest r) => (watches.Has(r.Path, ch, r.Type) ? ErrorCode.Ok : ErrorCode.NoWatcher, null),
        (OpCode.RemoveWatches, WatchesRequest r) => (watches.Remove(r.Path, ch, r.Type) ? ErrorCode.Ok : ErrorCode.NoWatcher, null),
        _ => (ErrorCode.MarshallingError, null),
    };

    public static bool IsRead(OpCode op) => op is OpCode.Exists or OpCode.GetData or OpCode.GetChildren or OpCode.GetChildren2
        or OpCode.GetAcl or OpCode.Sync or OpCode.GetEphemerals or OpCode.GetAllChildrenNumber or OpCode.WhoAmI
        or OpCode.MultiRead or OpCode.SetWatches or OpCode.SetWatches2 or OpCode.CheckWatches or OpCode.RemoveWatches
        or OpCode.AddWatch;

    /// <summary>addWatch (§3.3): the node need not exist; the reply body is ErrorResponse{0}; other modes are -5.</summary>
    private (ErrorCode, IJuteWritable?) AddWatch(IClientChannel ch, AddWatchRequest r)
    {
        if (r.Mode is not ((int)AddWatchMode.Persistent or (int)AddWatchMode.PersistentRecursive))
            return (ErrorCode.MarshallingError, null);
        watches.AddPersistent(r.Path, ch, recursive: r.Mode == (int)AddWatchMode.PersistentRecursive);
        return (ErrorCode.Ok, new ErrorResponse(ErrorCode.Ok));
    }

    /// <summary>setWatches2 also carries persistent registrations: re-added as they are, with no catch-up events (§5.4).</summary>
    private (ErrorCode, IJuteWritable?) Rearm2(IClientChannel ch, SetWatches2 r)
    {
        if (r.PersistentWatches is null || r.PersistentRecursiveWatches is null)
            return (ErrorCode.MarshallingError, null);
        var result = Rearm(ch, r.RelativeZxid.Value, r.DataWatches, r.ExistWatches, r.ChildWatches);
        if (result.Item1 != ErrorCode.Ok)
            return result;
        foreach (var path in r.PersistentWatches)
            watches.AddPersistent(path, ch, recursive: false);
        foreach (var path in r.PersistentRecursiveWatches)
            watches.AddPersistent(path, ch, recursive: true);
        return result;
    }

    private (ErrorCode, IJuteWritable?) Exists(IClientChannel ch, PathWatchRequest r)
    {
        if (r.Path.Contains('\0', StringComparison.Ordinal))
            return (ErrorCode.BadArguments, null);
        // An exists watch is set even when the node is missing (§5.2).
        if (r.Watch)
            watches.AddData(r.Path, ch);
        var node = tree.Get(r.Path);
        if (node is null)
            return (ErrorCode.NoNode, null);
        metrics?.NodeRead(r.Path, 0);
        // The node's cached Stat is the reply body: StatResponse is that one record on the wire.
        return (ErrorCode.Ok, node.ToStat());
    }

    private (ErrorCode, IJuteWritable?) GetData(IClientChannel ch, string path, IClientChannel? watcher)
    {
        var node = tree.Get(path);
        if (node is null)
            return (ErrorCode.NoNode, null);
        if (!Allowed(node, ch, Perms.Read))
            return (ErrorCode.NoAuth, null);
        if (watcher is not null)
            watches.AddData(path, watcher);
        metrics?.NodeRead(path, node.Data?.Length ?? 0);
        return (ErrorCode.Ok, node.ToDataReply());
    }

    private (ErrorCode, IJuteWritable?) GetChildren(IClientChannel ch, string path, IClientChannel? watcher, bool withStat)
    {
        var node = tree.Get(path);
        if (node is null)
            return (ErrorCode.NoNode, null);
        if (!Allowed(node, ch, Perms.Read))
            return (ErrorCode.NoAuth, null);
        if (watcher is not null)
            watches.AddChild(path, watcher);
        var children = node.Children.ToList();
        metrics?.NodeRead(path, children.Sum(c => (long)c.Length));
        return (ErrorCode.Ok, withStat ? new GetChildren2Response(children, node.ToStat()) : new GetChildrenResponse(children));
    }

    private (ErrorCode, IJuteWritable?) GetAcl(IClientChannel ch, string path)
    {
        var node = tree.Get(path);
        if (node is null)
            return (ErrorCode.NoNode, null);
        if (!Allowed(node, ch, Perms.Read | Perms.Admin))
            return (ErrorCode.NoAuth, null);
        var acls = node.Acls;
        if (!Allowed(node, ch, Perms.Admin))
        {
            // Callers without ADMIN see digest ids as user:x (§6.4).
            acls = acls.Select(a => a.Id is { Scheme: "digest", Ident: { } ident } ? a with { Id = a.Id with { Ident = ident.Split(':')[0] + ":x" } } : a).ToList();
        }

        return (ErrorCode.Ok, new GetAclResponse([.. acls], node.ToStat()));
    }

    private bool Allowed(DataNode node, IClientChannel ch, Perms perms) => skipAcl || AclCheck.Allows(node.Acls, ch.AuthIds, perms);

    private PathListResponse Ephemerals(IClientChannel ch, string? prefix)
    {
        var all = tree.EphemeralsOf(ch.SessionId);
        var matching = string.IsNullOrWhiteSpace(prefix) || prefix == "/"
            ? all.ToList()
            : all.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return new PathListResponse(matching);
    }

    private (ErrorCode, IJuteWritable?) CountAll(IClientChannel ch, string path)
    {
        var node = tree.Get(path);
        if (node is null)
            return (ErrorCode.NoNode, null);
        if (!Allowed(node, ch, Perms.Read))
            return (ErrorCode.NoAuth, null);
        return (ErrorCode.Ok, new CountResponse(tree.CountDescendants(path)));
    }

    private static WhoAmIResponse WhoAmI(IClientChannel ch) =>
        new(ch.AuthIds.Select(id => new ClientInfo(id.Scheme, id.Scheme == "digest" ? id.Ident!.Split(':')[0] : id.Ident ?? "")).ToList());

    private (ErrorCode, IJuteWritable?) MultiRead(IClientChannel ch, MultiRequest request)
    {
        // Writes may not be mixed in.
        if (!request.Ops.TrueForAll(op => op.Type is OpCode.GetData or OpCode.GetChildren))
            return (ErrorCode.MarshallingError, null);

        // Each op stands alone and no watches are set (§3.5).
        var results = new List<MultiResult>(request.Ops.Count);
        foreach (var op in request.Ops)
        {
            var path = ((PathWatchRequest)op.Request).Path;
            var (err, body) = op.Type == OpCode.GetData ? GetData(ch, path, null) : GetChildren(ch, path, null, withStat: false);
            results.Add(err == ErrorCode.Ok ? new MultiResult(op.Type, err, body) : new MultiResult(OpCode.Error, err, new ErrorResponse(err)));
        }

        return (ErrorCode.Ok, new MultiResponse(results));
    }

    /// <summary>Re-arms watches after a reconnect, firing at once for what changed while away (§5.4).</summary>
    private (ErrorCode, IJuteWritable?) Rearm(IClientChannel ch, long relativeZxid, List<string>? data, List<string>? exist, List<string>? child)
    {
        // Java walks each list; a null one fails the request (-5).
        if (data is null || exist is null || child is null)
            return (ErrorCode.MarshallingError, null);
        foreach (var path in data)
            RearmOne(ch, path, node => node.Mzxid.Value > relativeZxid, EventType.NodeDataChanged, watches.AddData);
        foreach (var path in exist)
        {
            if (tree.Get(path) is not null)
                watches.Notify(ch, EventType.NodeCreated, path);
            else
                watches.AddData(path, ch);
        }

        foreach (var path in child)
            RearmOne(ch, path, node => node.Pzxid.Value > relativeZxid, EventType.NodeChildrenChanged, watches.AddChild);
        return (ErrorCode.Ok, null);
    }

    private void RearmOne(IClientChannel ch, string path, Func<DataNode, bool> changed, EventType changedEvent, Action<string, IClientChannel> register)
    {
        var node = tree.Get(path);
        if (node is null)
            watches.Notify(ch, EventType.NodeDeleted, path);
        else if (changed(node))
            watches.Notify(ch, changedEvent, path);
        else
            register(path, ch);
    }
}
