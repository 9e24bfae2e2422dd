using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// Decoded records as one line of normalized text. Lists the protocol leaves unordered (children,
/// ephemerals, whoAmI) are sorted; everything else keeps its wire order.
/// </summary>
internal sealed class RecordText(Normalizer n)
{
    public string Stat(Stat s) =>
        $"stat(cz={n.Zxid(s.Czxid.Value)} mz={n.Zxid(s.Mzxid.Value)} ct={Normalizer.Time(s.Ctime)} mt={Normalizer.Time(s.Mtime)} " +
        $"v={s.Version} cv={s.Cversion} av={s.Aversion} eph={n.Session(s.EphemeralOwner)} len={s.DataLength} " +
        $"nc={s.NumChildren} pz={n.Zxid(s.Pzxid.Value)})";

    public static string Acls(List<Acl>? acls) =>
        acls is null ? "null" : "[" + string.Join(", ", acls.Select(a => $"{(int)a.Perms} {a.Id.Scheme}:{a.Id.Ident}")) + "]";

    public string Paths(List<string>? paths) =>
        paths is null ? "null" : "[" + string.Join(", ", paths.Order(StringComparer.Ordinal).Select(n.Path)) + "]";

    public static string Code(ErrorCode code) => Enum.IsDefined(code) ? $"{(int)code}({code})" : $"{(int)code}";

    public static string Op(OpCode op) => Enum.IsDefined(op) ? $"{op}" : $"op{(int)op}";

    /// <summary>A success body (or the body Java sends along with an error).</summary>
    public string Body(IJuteWritable body) => body switch
    {
        PathResponse r => $"path={n.Path(r.Path)}",
        Create2Response r => $"path={n.Path(r.Path)} {Stat(r.Stat)}",
        StatResponse r => Stat(r.Stat),
        GetDataResponse r => $"data={Normalizer.Data(r.Data)} {Stat(r.Stat)}",
        GetAclResponse r => $"acl={Acls(r.Acls)} {Stat(r.Stat)}",
        GetChildrenResponse r => $"children={Paths(r.Children)}",
        GetChildren2Response r => $"children={Paths(r.Children)} {Stat(r.Stat)}",
        MultiResponse r => "results=[" + string.Join("; ", r.Results.Select(MultiResult)) + "]",
        SaslToken r => $"token={Normalizer.Data(r.Token)}",
        PathListResponse r => $"paths={Paths(r.Paths)}",
        CountResponse r => $"count={r.TotalNumber}",
        ErrorResponse r => $"err={Code(r.Err)}",
        WhoAmIResponse r => "whoami=" + (r.Infos is null ? "null" : "[" + string.Join(", ",
            r.Infos.Select(i => $"{i.AuthScheme}:{i.User}").Order(StringComparer.Ordinal)) + "]"),
        _ => body.GetType().Name,
    };

    /// <summary>A request as the step sent it.</summary>
    public string Request(IJuteWritable? body) => body switch
    {
        null => "",
        CreateRequest r => $"{n.Path(r.Path)} data={Normalizer.Data(r.Data)} acl={Acls(r.Acls)} flags={r.Flags}",
        CreateTtlRequest r => $"{n.Path(r.Path)} data={Normalizer.Data(r.Data)} acl={Acls(r.Acls)} flags={r.Flags} ttl={r.Ttl}",
        DeleteRequest r => $"{n.Path(r.Path)} v={r.Version}",
        PathWatchRequest r => $"{n.Path(r.Path)} watch={r.Watch}",
        SetDataRequest r => $"{n.Path(r.Path)} data={Normalizer.Data(r.Data)} v={r.Version}",
        PathRequest r => n.Path(r.Path),
        SetAclRequest r => $"{n.Path(r.Path)} acl={Acls(r.Acls)} v={r.Version}",
        CheckVersionRequest r => $"{n.Path(r.Path)} v={r.Version}",
        MultiRequest r => "[" + string.Join("; ", r.Ops.Select(o => $"{Op(o.Type)} {Request(o.Request)}")) + "]",
        ReconfigRequest r => $"join={r.JoiningServers ?? "null"} leave={r.LeavingServers ?? "null"} members={r.NewMembers ?? "null"} cfg={r.CurConfigId}",
        WatchesRequest r => $"{n.Path(r.Path)} type={(int)r.Type}",
        AuthPacket r => $"type={r.Type} scheme={r.Scheme} auth={Normalizer.Data(r.Auth)}",
        SetWatches r => $"rel={n.KnownZxid(r.RelativeZxid.Value)} data={Paths(r.DataWatches)} exist={Paths(r.ExistWatches)} child={Paths(r.ChildWatches)}",
        SetWatches2 r => $"rel={n.KnownZxid(r.RelativeZxid.Value)} data={Paths(r.DataWatches)} exist={Paths(r.ExistWatches)} " +
            $"child={Paths(r.ChildWatches)} persistent={Paths(r.PersistentWatches)} recursive={Paths(r.PersistentRecursiveWatches)}",
        SaslToken r => $"token={Normalizer.Data(r.Token)}",
        AddWatchRequest r => $"{n.Path(r.Path)} mode={r.Mode}",
        RawBody r => r.Describe(),
        _ => body.GetType().Name,
    };

    private string MultiResult(MultiResult r) =>
        r.Body is null ? $"{Op(r.Type)} err={Code(r.Err)}" : $"{Op(r.Type)} err={Code(r.Err)} {Body(r.Body)}";
}
