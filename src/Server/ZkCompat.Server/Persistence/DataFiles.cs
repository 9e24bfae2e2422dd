using System.Globalization;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// File names of the data directory (PROTOCOL.md §12.1): version-2/log.&lt;hex zxid&gt; and
/// version-2/snapshot.&lt;hex zxid&gt;[.gz|.snappy], lowercase hex without padding.
/// </summary>
internal static class DataFiles
{
    public const string LogPrefix = "log.";
    public const string SnapshotPrefix = "snapshot.";

    public static string VersionDir(string dir) => Path.Combine(dir, "version-2");

    public static string LogName(long zxid) => LogPrefix + zxid.ToString("x", CultureInfo.InvariantCulture);

    public static string SnapshotName(long zxid, SnapshotCompression compression = SnapshotCompression.None) =>
        SnapshotPrefix + zxid.ToString("x", CultureInfo.InvariantCulture) + SnapshotCodec.Extension(compression);

    /// <summary>
    /// Files with the prefix, oldest zxid first; a snapshot name may end in a compression's
    /// extension. Java takes any name that starts prefix.&lt;hex&gt;. as well (snapshot.5.tmp,
    /// snapshot.5.bak, and the log.N.chopped&lt;zxid&gt; or log.N.fixed that TxnLogToolkit leaves beside a
    /// log it repaired); such leftovers are not read here, so a repair takes effect only once the
    /// repaired file replaces the original, as the toolkit's instructions say.
    /// </summary>
    public static List<(long Zxid, string Path)> Sorted(IStorage storage, string directory, string prefix)
    {
        var files = new List<(long, string)>();
        foreach (var path in storage.List(directory))
        {
            var name = Path.GetFileName(path);
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            var hex = name[prefix.Length..];
            if (prefix == SnapshotPrefix && SnapshotCodec.OfName(name) is not null)
                hex = hex.Split('.')[0];
            if (long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var zxid))
                files.Add((zxid, path));
        }

        files.Sort((x, y) => x.Item1.CompareTo(y.Item1));
        return files;
    }
}
