using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>One op of a multi or multiRead, with a path the builder resolves against the scenario root.</summary>
internal sealed record Mop(OpCode Type, Func<Func<string, string>, IJuteWritable> Make)
{
    public static Mop Create(string path, string? data = "", int flags = 0, OpCode type = OpCode.Create) =>
        new(type, p => new CreateRequest(p(path), Bytes(data), AclSet.Open, flags));

    public static Mop CreateWith(string path, List<Acl>? acl, int flags = 0) =>
        new(OpCode.Create, p => new CreateRequest(p(path), [], acl, flags));

    public static Mop CreateTtl(string path, long ttl, int flags = 5) =>
        new(OpCode.CreateTtl, p => new CreateTtlRequest(p(path), [], AclSet.Open, flags, ttl));

    public static Mop Delete(string path, int version = -1) => new(OpCode.Delete, p => new DeleteRequest(p(path), version));

    public static Mop SetData(string path, string? data, int version = -1) =>
        new(OpCode.SetData, p => new SetDataRequest(p(path), Bytes(data), version));

    public static Mop Check(string path, int version) => new(OpCode.Check, p => new CheckVersionRequest(p(path), version));

    public static Mop GetData(string path) => new(OpCode.GetData, p => new PathWatchRequest(p(path), false));

    public static Mop GetChildren(string path) => new(OpCode.GetChildren, p => new PathWatchRequest(p(path), false));

    /// <summary>Any op type with a path-and-watch record: for op types multi does not allow.</summary>
    public static Mop Other(OpCode type, string path) => new(type, p => new PathWatchRequest(p(path), false));

    public static byte[]? Bytes(string? data) => data is null ? null : System.Text.Encoding.UTF8.GetBytes(data);
}
