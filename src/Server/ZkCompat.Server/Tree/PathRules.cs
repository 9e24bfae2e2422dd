namespace ZkCompat.Server.Tree;

/// <summary>Znode path rules for writes (PROTOCOL.md §7.2).</summary>
internal static class PathRules
{
    public static bool IsValid(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/')
            return false;
        if (path.Length == 1)
            return true;
        if (path[^1] == '/')
            return false;
        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                if (IsForbidden(path[i]))
                    return false;
                continue;
            }

            var segment = path.AsSpan(segmentStart, i - segmentStart);
            if (segment.IsEmpty || segment is "." or "..")
                return false;
            segmentStart = i + 1;
        }

        return true;
    }

    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    /// <summary><see cref="Parent"/> as a span of <paramref name="path"/>: no new string.</summary>
    public static ReadOnlySpan<char> ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path.AsSpan(0, slash);
    }

    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string Child(string parent, string name) => parent == "/" ? "/" + name : parent + "/" + name;

    private static bool IsForbidden(char c) =>
        c == '\0' || (c > '\u0000' && c <= '\u001f') || (c >= '\u007f' && c <= '\u009f')
        || (c >= '\ud800' && c <= '\uf8ff') || (c >= '\ufff0' && c <= '\uffff');
}
