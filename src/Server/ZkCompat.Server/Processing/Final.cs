using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Processing;

/// <summary>
/// Applies committed txns to the tree in zxid order and builds the success reply body for the
/// request that made them. Session bookkeeping stays with the engine.
/// </summary>
internal sealed class Final(DataTree tree)
{
    /// <summary>Applies <paramref name="txn"/>; returns the reply error and body for its request.</summary>
    public (ErrorCode Err, IJuteWritable? Body) Apply(Txn txn, List<ChangeEvent> events)
    {
        var result = ApplyTxn(txn, events);
        tree.Applied(txn.Header.Zxid);
        return result;
    }

    private (ErrorCode Err, IJuteWritable? Body) ApplyTxn(Txn txn, List<ChangeEvent> events)
    {
        var header = txn.Header;
        return header.Type switch
        {
            OpCode.Error => (((ErrorTxn)txn.Record!).Err, null),
            OpCode.Multi => (ErrorCode.Ok, ApplyMulti((MultiOps)txn.Record!, header, events)),
            OpCode.CloseSession => ApplyClose(txn.Record as CloseSessionTxn, header, events),
            OpCode.CreateSession => (ErrorCode.Ok, null),
            _ => (ErrorCode.Ok, ApplyOne(header.Type, txn.Record!, header, events, inMulti: false).Body),
        };
    }

    private (ErrorCode, IJuteWritable?) ApplyClose(CloseSessionTxn? record, TxnHeader header, List<ChangeEvent> events)
    {
        // A 3.5 log's closeSession has no body: the session's ephemerals are implied.
        var paths = record?.PathsToDelete ?? [.. tree.EphemeralsOf(header.ClientId.Value)];
        foreach (var path in paths)
            tree.ApplyDelete(path, header.Zxid, events);
        return (ErrorCode.Ok, null);
    }

    private MultiResponse ApplyMulti(MultiOps multi, TxnHeader header, List<ChangeEvent> events)
    {
        var results = new List<MultiResult>(multi.Ops.Count);
        if (multi.Failed)
        {
            // Ops before the failing one report 0, the failing one its code, later ones -2 (§3.5).
            foreach (var (type, record) in multi.Ops)
            {
                var err = type == OpCode.Error ? ((ErrorTxn)record).Err : results.Exists(r => r.Err != ErrorCode.Ok) ? ErrorCode.RuntimeInconsistency : ErrorCode.Ok;
                results.Add(new MultiResult(OpCode.Error, err, new ErrorResponse(err)));
            }

            return new MultiResponse(results);
        }

        foreach (var (type, record) in multi.Ops)
            results.Add(ApplyOne(type, record, header, events, inMulti: true));
        return new MultiResponse(results);
    }

    private MultiResult ApplyOne(OpCode type, IJuteWritable record, TxnHeader header, List<ChangeEvent> events, bool inMulti)
    {
        switch (record)
        {
            case CreateTxn r:
                tree.ApplyCreate(r.Path, r.Data, r.Acls!, r.Ephemeral ? header.ClientId.Value : 0, r.ParentCversion, header.Zxid, header.Time, events);
                // Inside multi, create2 answers like create (§3.5).
                return type == OpCode.Create2 && !inMulti
                    ? new MultiResult(OpCode.Create2, ErrorCode.Ok, new Create2Response(r.Path, StatOf(r.Path)))
                    : new MultiResult(OpCode.Create, ErrorCode.Ok, new PathResponse(r.Path));
            case CreateContainerTxn r:
                tree.ApplyCreate(r.Path, r.Data, r.Acls!, EphemeralKind.ContainerOwner, r.ParentCversion, header.Zxid, header.Time, events);
                return new MultiResult(OpCode.Create2, ErrorCode.Ok, new Create2Response(r.Path, StatOf(r.Path)));
            case CreateTtlTxn r:
                tree.ApplyCreate(r.Path, r.Data, r.Acls!, EphemeralKind.TtlOwner(r.Ttl), r.ParentCversion, header.Zxid, header.Time, events);
                return new MultiResult(OpCode.Create2, ErrorCode.Ok, new Create2Response(r.Path, StatOf(r.Path)));
            case DeleteTxn r:
                tree.ApplyDelete(r.Path, header.Zxid, events);
                return new MultiResult(OpCode.Delete, ErrorCode.Ok, null);
            case SetDataTxn r:
                tree.ApplySetData(r.Path, r.Data, r.Version, header.Zxid, header.Time, events);
                return new MultiResult(OpCode.SetData, ErrorCode.Ok, new StatResponse(StatOf(r.Path)));
            case SetAclTxn r:
                tree.ApplySetAcl(r.Path, r.Acls!, r.Version);
                return new MultiResult(OpCode.SetAcl, ErrorCode.Ok, new StatResponse(StatOf(r.Path)));
            case CheckVersionTxn:
                return new MultiResult(OpCode.Check, ErrorCode.Ok, null);
            default:
                throw new InvalidOperationException($"no apply rule for txn type {type}");
        }
    }

    /// <summary>The node's stat after applying; a replay that changed nothing may find no node.</summary>
    private Stat StatOf(string path) => tree.Get(path)?.ToStat() ?? s_noStat;

    private static readonly Stat s_noStat = new(default, default, 0, 0, 0, 0, 0, 0, 0, 0, default);
}
