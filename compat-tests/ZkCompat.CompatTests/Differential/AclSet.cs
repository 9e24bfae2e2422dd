using System.Security.Cryptography;
using System.Text;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>ACL lists for scenarios (PROTOCOL.md §6).</summary>
internal static class AclSet
{
    public static List<Acl> Open => [World(Perms.All)];

    public static Acl World(Perms perms) => new(perms, new Id("world", "anyone"));

    public static Acl Of(Perms perms, string scheme, string id) => new(perms, new Id(scheme, id));

    /// <summary>digest:user:base64(sha1("user:password")), as the digest provider stores it.</summary>
    public static Acl Digest(Perms perms, string user, string password) => Of(perms, "digest", DigestId(user, password));

    public static string DigestId(string user, string password)
    {
#pragma warning disable CA5350 // SHA1 is what the digest scheme is defined as; ids must match Java's.
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"{user}:{password}"));
#pragma warning restore CA5350
        return $"{user}:{Convert.ToBase64String(hash)}";
    }

    public static List<Acl> List(params Acl[] acls) => [.. acls];
}
