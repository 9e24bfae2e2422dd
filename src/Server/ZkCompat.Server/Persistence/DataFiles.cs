using System.Globalization;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// File names of the data directory (PROTOCOL.md §12.1): version-2/log.&lt;hex zxid&gt; and
/// version-2/snapshot.&lt;hex zxid&gt;, lowercase hex without padding.
/// </summary>
internal static class DataFiles
{
    public const string LogPrefix = "log.";
    public const string SnapshotPrefix = "snapshot.";

    public static string VersionDir(string dir) => Path.Combine(dir, "version-2");

    public static string LogName(long zxid) => LogPrefix + zxid.ToString("x", CultureInfo.InvariantCulture);

    public static string SnapshotName(long zxid) => SnapshotPrefix + zxid.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Files with the prefix, oldest zxid first; names that do not parse are ignored, as in Java.</summary>
    public static List<(long Zxid, string Path)> Sorted(IStorage storage, string directory, string prefix)
    {
        var files = new List<(long, string)>();
        foreach (var path in storage.List(directory))
        {
            var name = Path.GetFileName(path);
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            var hex = name[prefix.Length..];
            // Java also accepts compressed snapshots; we neither read nor write them.
            if (long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var zxid))
                files.Add((zxid, path));
        }

        files.Sort((x, y) => x.Item1.CompareTo(y.Item1));
        return files;
    }
}
