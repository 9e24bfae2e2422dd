using System.Text;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>One helper per opcode (PROTOCOL.md §3.3). Data is UTF-8 text; null sends a null buffer.</summary>
internal sealed partial class ScenarioBuilder
{
    private const ErrorCode Ok = ErrorCode.Ok;

    public ScenarioBuilder Create(string c, string path, string? data = "", int flags = 0, List<Acl>? acl = null, ErrorCode? expect = Ok, OpCode op = OpCode.Create) =>
        Request(c, op, new CreateRequest(P(path), Mop.Bytes(data), acl ?? AclSet.Open, flags), expect);

    public ScenarioBuilder CreateBytes(string c, string path, byte[] data, ErrorCode? expect = Ok) =>
        Request(c, OpCode.Create, new CreateRequest(P(path), data, AclSet.Open, 0), expect);

    /// <summary>A create whose ACL is given as it is, including null (a null vector).</summary>
    public ScenarioBuilder CreateWithAcl(string c, string path, List<Acl>? acl, ErrorCode expect, int flags = 0) =>
        Request(c, OpCode.Create, new CreateRequest(P(path), [], acl, flags), expect);

    public ScenarioBuilder Create2(string c, string path, string? data = "", int flags = 0, ErrorCode? expect = Ok) =>
        Create(c, path, data, flags, null, expect, OpCode.Create2);

    public ScenarioBuilder CreateContainer(string c, string path, string? data = "", int flags = 4, ErrorCode? expect = Ok) =>
        Create(c, path, data, flags, null, expect, OpCode.CreateContainer);

    public ScenarioBuilder CreateTtl(string c, string path, long ttl, int flags = 5, ErrorCode? expect = Ok) =>
        Request(c, OpCode.CreateTtl, new CreateTtlRequest(P(path), [], AclSet.Open, flags, ttl), expect);

    public ScenarioBuilder Delete(string c, string path, int version = -1, ErrorCode? expect = Ok) =>
        Request(c, OpCode.Delete, new DeleteRequest(P(path), version), expect);

    public ScenarioBuilder Exists(string c, string path, bool watch = false, ErrorCode? expect = Ok) =>
        Request(c, OpCode.Exists, new PathWatchRequest(P(path), watch), expect);

    public ScenarioBuilder GetData(string c, string path, bool watch = false, ErrorCode? expect = Ok) =>
        Request(c, OpCode.GetData, new PathWatchRequest(P(path), watch), expect);

    public ScenarioBuilder SetData(string c, string path, string? data, int version = -1, ErrorCode? expect = Ok) =>
        Request(c, OpCode.SetData, new SetDataRequest(P(path), Mop.Bytes(data), version), expect);

    public ScenarioBuilder SetDataBytes(string c, string path, byte[] data, ErrorCode? expect = Ok) =>
        Request(c, OpCode.SetData, new SetDataRequest(P(path), data, -1), expect);

    public ScenarioBuilder GetChildren(string c, string path, bool watch = false, ErrorCode? expect = Ok) =>
        Request(c, OpCode.GetChildren, new PathWatchRequest(P(path), watch), expect);

    public ScenarioBuilder GetChildren2(string c, string path, bool watch = false, ErrorCode? expect = Ok) =>
        Request(c, OpCode.GetChildren2, new PathWatchRequest(P(path), watch), expect);

    public ScenarioBuilder GetAcl(string c, string path, ErrorCode? expect = Ok) =>
        Request(c, OpCode.GetAcl, new PathRequest(P(path)), expect);

    public ScenarioBuilder SetAcl(string c, string path, List<Acl>? acl, int version = -1, ErrorCode? expect = Ok) =>
        Request(c, OpCode.SetAcl, new SetAclRequest(P(path), acl, version), expect);

    public ScenarioBuilder Sync(string c, string path, ErrorCode? expect = Ok) =>
        Request(c, OpCode.Sync, new PathRequest(P(path)), expect);

    public ScenarioBuilder GetEphemerals(string c, string? prefix, ErrorCode? expect = Ok) =>
        Request(c, OpCode.GetEphemerals, new PathRequest(prefix is null ? null : P(prefix)), expect);

    public ScenarioBuilder CountAll(string c, string path, ErrorCode? expect = Ok) =>
        Request(c, OpCode.GetAllChildrenNumber, new PathRequest(P(path)), expect);

    public ScenarioBuilder WhoAmI(string c) => Request(c, OpCode.WhoAmI, null);

    public ScenarioBuilder CheckWatches(string c, string path, int type, ErrorCode? expect = Ok) =>
        Request(c, OpCode.CheckWatches, new WatchesRequest(P(path), (WatcherType)type), expect);

    public ScenarioBuilder RemoveWatches(string c, string path, int type, ErrorCode? expect = Ok) =>
        Request(c, OpCode.RemoveWatches, new WatchesRequest(P(path), (WatcherType)type), expect);

    public ScenarioBuilder AddWatch(string c, string path, int mode, ErrorCode? expect = Ok) =>
        Request(c, OpCode.AddWatch, new AddWatchRequest(P(path), mode), expect);

    public ScenarioBuilder Auth(string c, string scheme, string auth, ErrorCode? expect = Ok, int? xid = null) =>
        Request(c, OpCode.Auth, new AuthPacket(0, scheme, Encoding.UTF8.GetBytes(auth)), expect, xid);

    public ScenarioBuilder Reconfig(string c, string? joining, string? leaving, ErrorCode expect) =>
        Request(c, OpCode.Reconfig, new ReconfigRequest(joining, leaving, null, -1), expect);

    /// <summary>A raw request body (bytes no record can express).</summary>
    public ScenarioBuilder Raw(string c, OpCode op, byte[] body, string what, ErrorCode? expect) =>
        Request(c, op, new RawBody(body, what), expect);

    /// <summary>multi: the header error is 0 even when an op fails (§3.5); the op errors are checked separately.</summary>
    public ScenarioBuilder Multi(string c, Mop[] ops, ErrorCode[]? results = null, ErrorCode? expect = Ok) =>
        Do(c, new RequestSpec(OpCode.Multi, MultiOf(ops), expect) { Results = results });

    public ScenarioBuilder MultiRead(string c, Mop[] ops, ErrorCode[]? results = null, ErrorCode? expect = Ok) =>
        Do(c, new RequestSpec(OpCode.MultiRead, MultiOf(ops), expect) { Results = results });

    /// <summary>setWatches with relativeZxid = the last zxid this connection saw, as the Java client sends after a reconnect.</summary>
    public ScenarioBuilder SetWatches(string c, string[]? data = null, string[]? exist = null, string[]? child = null, ErrorCode? expect = Ok)
    {
        var (d, e, ch) = (Paths(data), Paths(exist), Paths(child));
        return Do(c, new RequestSpec(OpCode.SetWatches, null, expect) { DynamicBody = conn => new SetWatches(new Zxid(conn.LastZxid), d, e, ch) });
    }

    public ScenarioBuilder SetWatches2(string c, string[]? data = null, string[]? exist = null, string[]? child = null,
        string[]? persistent = null, string[]? recursive = null, ErrorCode? expect = Ok)
    {
        var (d, e, ch, p, r) = (Paths(data), Paths(exist), Paths(child), Paths(persistent), Paths(recursive));
        return Do(c, new RequestSpec(OpCode.SetWatches2, null, expect) { DynamicBody = conn => new SetWatches2(new Zxid(conn.LastZxid), d, e, ch, p, r) });
    }

    private MultiRequest MultiOf(Mop[] ops) => new([.. ops.Select(o => new MultiOp(o.Type, o.Make(P)))]);

    private List<string> Paths(string[]? paths) => paths is null ? [] : [.. paths.Select(P)];
}
