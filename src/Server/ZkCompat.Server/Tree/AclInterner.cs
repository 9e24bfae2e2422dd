using ZkCompat.Protocol.Records;
using ZkCompat.Server.Security;

namespace ZkCompat.Server.Tree;

/// <summary>
/// One shared instance per distinct ACL list, as Java's ACL cache keeps one per list: a million
/// nodes created with the same ACL hold one list, not a million copies of it. A node with the
/// open ACL holds <see cref="Acls.Open"/> itself. Past <see cref="MaxLists"/> distinct lists,
/// new ones are kept as they come (correct, just not shared).
/// </summary>
internal sealed class AclInterner
{
    private const int MaxLists = 10_000;
    private readonly Dictionary<IReadOnlyList<Acl>, IReadOnlyList<Acl>> _lists = new(ListComparer.Instance);

    public AclInterner()
    {
        _lists[Acls.Open] = Acls.Open;
        _lists[Acls.ReadOnly] = Acls.ReadOnly;
    }

    public IReadOnlyList<Acl> Intern(IReadOnlyList<Acl> acls)
    {
        if (_lists.TryGetValue(acls, out var shared))
            return shared;
        if (_lists.Count < MaxLists)
            _lists[acls] = acls;
        return acls;
    }

    private sealed class ListComparer : IEqualityComparer<IReadOnlyList<Acl>>
    {
        public static readonly ListComparer Instance = new();

        public bool Equals(IReadOnlyList<Acl>? x, IReadOnlyList<Acl>? y)
        {
            if (ReferenceEquals(x, y))
                return true;
            if (x is null || y is null || x.Count != y.Count)
                return false;
            for (var i = 0; i < x.Count; i++)
            {
                if (!x[i].Equals(y[i]))
                    return false;
            }

            return true;
        }

        public int GetHashCode(IReadOnlyList<Acl> obj)
        {
            var hash = new HashCode();
            for (var i = 0; i < obj.Count; i++)
                hash.Add(obj[i]);
            return hash.ToHashCode();
        }
    }
}
