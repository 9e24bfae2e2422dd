using System.Text;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Server.Tests.Support;

/// <summary>Shorthands for the requests engine tests make most often.</summary>
internal static class TestClientExtensions
{
    /// <summary>world:anyone with every permission.</summary>
    public static List<Acl> OpenAcl => [new(Perms.All, new Id("world", "anyone"))];

    /// <summary>The digest id of alice:secret (§6.2).</summary>
    public const string AliceDigest = "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=";

    /// <summary>Every permission for alice:secret only.</summary>
    public static List<Acl> AliceOnly => [new(Perms.All, new Id("digest", AliceDigest))];

    public static Task<Reply> CreateAsync(this TestClient client, string path, byte[]? data = null, CreateMode mode = CreateMode.Persistent, List<Acl>? acl = null, OpCode op = OpCode.Create) =>
        client.CallAsync(op, new CreateRequest(path, data ?? [], acl ?? OpenAcl, (int)mode));

    public static Task<Reply> CreateTtlAsync(this TestClient client, string path, long ttlMs, CreateMode mode = CreateMode.PersistentWithTtl) =>
        client.CallAsync(OpCode.CreateTtl, new CreateTtlRequest(path, [], OpenAcl, (int)mode, ttlMs));

    public static Task<Reply> DeleteAsync(this TestClient client, string path, int version = -1) =>
        client.CallAsync(OpCode.Delete, new DeleteRequest(path, version));

    public static Task<Reply> SetDataAsync(this TestClient client, string path, byte[]? data, int version = -1) =>
        client.CallAsync(OpCode.SetData, new SetDataRequest(path, data, version));

    public static Task<Reply> SetAclAsync(this TestClient client, string path, List<Acl>? acl, int version = -1) =>
        client.CallAsync(OpCode.SetAcl, new SetAclRequest(path, acl, version));

    public static Task<Reply> ExistsAsync(this TestClient client, string path, bool watch = false) =>
        client.CallAsync(OpCode.Exists, new PathWatchRequest(path, watch));

    public static Task<Reply> GetDataAsync(this TestClient client, string path, bool watch = false) =>
        client.CallAsync(OpCode.GetData, new PathWatchRequest(path, watch));

    public static Task<Reply> GetChildrenAsync(this TestClient client, string path, bool watch = false) =>
        client.CallAsync(OpCode.GetChildren, new PathWatchRequest(path, watch));

    public static Task<Reply> CheckWatchesAsync(this TestClient client, string path, WatcherType type) =>
        client.CallAsync(OpCode.CheckWatches, new WatchesRequest(path, type));

    public static Task<Reply> AuthAsync(this TestClient client, string scheme, string auth) =>
        client.CallAsync(OpCode.Auth, new AuthPacket(0, scheme, Encoding.UTF8.GetBytes(auth)));

    public static Task<Reply> PingAsync(this TestClient client) => client.CallAsync(OpCode.Ping);

    /// <summary>The Stat of an existing node.</summary>
    public static async Task<Stat> StatAsync(this TestClient client, string path) =>
        (await client.ExistsAsync(path)).As<StatResponse>().Stat;

    /// <summary>Makes a harmless write and returns its zxid, to see how many zxids were used before it.</summary>
    public static async Task<long> ProbeZxidAsync(this TestClient client)
    {
        var reply = await client.CallAsync(OpCode.Create, new CreateRequest("/probe-", [], OpenAcl, (int)CreateMode.PersistentSequential));
        Assert.Equal(ErrorCode.Ok, reply.Err);
        return reply.Header.Zxid.Value;
    }

    public static SessionId SessionId(this TestClient client) => client.Session?.SessionId ?? throw new InvalidOperationException("no session");

    public static byte[] Password(this TestClient client) => client.Session?.Password ?? throw new InvalidOperationException("no session");

    /// <summary>Errors of a multi reply as (type, err) pairs.</summary>
    public static List<(OpCode Type, ErrorCode Err)> Results(this Reply reply) =>
        reply.As<MultiResponse>().Results.ConvertAll(r => (r.Type, r.Err));

    public static MultiRequest Multi(params IEnumerable<MultiOp> ops) => new([.. ops]);

    public static MultiOp Create(string path, CreateMode mode = CreateMode.Persistent) =>
        new(OpCode.Create, new CreateRequest(path, [], OpenAcl, (int)mode));

    public static MultiOp Delete(string path, int version = -1) => new(OpCode.Delete, new DeleteRequest(path, version));

    public static MultiOp SetData(string path, byte[] data, int version = -1) => new(OpCode.SetData, new SetDataRequest(path, data, version));

    public static MultiOp Check(string path, int version) => new(OpCode.Check, new CheckVersionRequest(path, version));

    public static MultiOp GetData(string path) => new(OpCode.GetData, new PathWatchRequest(path, false));

    public static MultiOp GetChildren(string path) => new(OpCode.GetChildren, new PathWatchRequest(path, false));
}
