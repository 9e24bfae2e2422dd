using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Server.Security;

/// <summary>Well-known ACL lists (PROTOCOL.md §7.1).</summary>
internal static class Acls
{
    public static readonly Id Anyone = new("world", "anyone");

    public static readonly IReadOnlyList<Acl> Open = [new(Perms.All, Anyone)];

    public static readonly IReadOnlyList<Acl> ReadOnly = [new(Perms.Read, Anyone)];
}
