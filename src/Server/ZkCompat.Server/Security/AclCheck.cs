using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Server.Security;

/// <summary>Decides access and validates ACL lists (PROTOCOL.md §6.1–6.2).</summary>
internal static class AclCheck
{
    public static bool Allows(IReadOnlyList<Acl> acls, IReadOnlyCollection<Id> authIds, Perms needed)
    {
        if (acls.Count == 0)
            return true;
        // Reads check this on every request: indexes and the set's own enumerator, no boxed enumerators.
        if (authIds is HashSet<Id> set)
            return Allows(acls, set, needed);
        if (authIds.Any(id => id.Scheme == "super"))
            return true;
        for (var i = 0; i < acls.Count; i++)
        {
            var acl = acls[i];
            if ((acl.Perms & needed) != 0 && (IsAnyone(acl.Id) || authIds.Any(id => id.Scheme == acl.Id.Scheme && Matches(id, acl.Id))))
                return true;
        }

        return false;
    }

    private static bool Allows(IReadOnlyList<Acl> acls, HashSet<Id> authIds, Perms needed)
    {
        foreach (var id in authIds)
        {
            if (id.Scheme == "super")
                return true;
        }

        for (var i = 0; i < acls.Count; i++)
        {
            var acl = acls[i];
            if ((acl.Perms & needed) == 0)
                continue;
            if (IsAnyone(acl.Id))
                return true;
            foreach (var id in authIds)
            {
                if (id.Scheme == acl.Id.Scheme && Matches(id, acl.Id))
                    return true;
            }
        }

        return false;
    }

    private static bool IsAnyone(Id id) => id.Scheme == "world" && id.Ident == "anyone";

    /// <summary>
    /// Validates an ACL from create/setACL and expands the "auth" pseudo-scheme into the
    /// connection's authenticated ids; null means INVALIDACL (§6.2).
    /// </summary>
    public static List<Acl>? FixUp(IReadOnlyList<Acl>? acls, IReadOnlyCollection<Id> authIds, bool saslAclsEnabled)
    {
        if (acls is null || acls.Count == 0)
            return null;
        var result = new List<Acl>();
        foreach (var acl in acls)
        {
            if (acl.Id.Scheme == "auth")
            {
                var expanded = authIds.Where(id => id.Scheme is "digest" or "sasl").ToList();
                if (expanded.Count == 0)
                    return null;
                result.AddRange(expanded.Select(id => new Acl(acl.Perms, id)));
            }
            else if (IsValid(acl.Id, saslAclsEnabled))
            {
                result.Add(acl);
            }
            else
            {
                return null;
            }
        }

        return result.Distinct().ToList();
    }

    /// <summary>A null id is only meaningful for "auth" (kazoo sends one); for the other schemes it is invalid.</summary>
    private static bool IsValid(Id id, bool saslAclsEnabled) => id.Ident is { } ident && id.Scheme switch
    {
        // sasl ids are valid only when authProvider.N registers the SASL provider; Java has none by default.
        "sasl" => saslAclsEnabled && ident.Length > 0,
        "world" => ident == "anyone",
        "digest" => JavaSplitCount(ident, ':') == 2,
        "ip" => IpMask.TryParse(ident, out _),
        _ => false,
    };

    private static bool Matches(Id held, Id required) => required.Scheme switch
    {
        "ip" => required.Ident is { } mask && held.Ident is { } address && IpMask.TryParse(mask, out var ip) && ip.Contains(address),
        _ => held.Ident == required.Ident,
    };

    /// <summary>The length of Java's String.split(separator): trailing empty parts are dropped.</summary>
    private static int JavaSplitCount(string text, char separator)
    {
        var parts = text.Split(separator);
        var count = parts.Length;
        while (count > 0 && parts[count - 1].Length == 0)
            count--;
        return Math.Max(count, text.Length == 0 ? 1 : 0);
    }
}
