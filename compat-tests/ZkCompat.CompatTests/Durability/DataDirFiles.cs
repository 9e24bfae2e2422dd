using System.Globalization;
using System.Text.RegularExpressions;

namespace ZkCompat.CompatTests.Durability;

/// <summary>The txn logs and snapshots in a dataDir's version-2 folder, by zxid, and copies of that folder.</summary>
internal static partial class DataDirFiles
{
    public sealed record DataFile(string Path, long Zxid)
    {
        public string Name => System.IO.Path.GetFileName(Path);
    }

    public static string VersionDir(string dataDir) => Path.Combine(dataDir, "version-2");

    /// <summary>log.&lt;zxid&gt; files, oldest first (a tool's leftovers such as log.N.fixed are not logs).</summary>
    public static IReadOnlyList<DataFile> Logs(string dataDir) => List(dataDir, LogName());

    /// <summary>
    /// snapshot.&lt;zxid&gt; files, oldest first, with the .gz or .snappy suffix a compressed one has
    /// (snapshot.compression.method); a snapshot still being written (.tmp) is not one.
    /// </summary>
    public static IReadOnlyList<DataFile> Snapshots(string dataDir) => List(dataDir, SnapshotName());

    /// <summary>The snapshot for <paramref name="zxid"/>, if there is one.</summary>
    public static DataFile? Snapshot(string dataDir, long zxid) => Snapshots(dataDir).FirstOrDefault(s => s.Zxid == zxid);

    /// <summary>Copies the dataDir's version-2 folder into a new dataDir <paramref name="target"/> and returns it.</summary>
    public static string CopyTo(string dataDir, string target)
    {
        var to = Directory.CreateDirectory(VersionDir(target)).FullName;
        foreach (var file in Directory.GetFiles(VersionDir(dataDir)))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        return target;
    }

    /// <summary>The dataDir's version-2 listing as name(bytes), for messages.</summary>
    public static string Listing(string dataDir) => string.Join(' ', new DirectoryInfo(VersionDir(dataDir)).GetFiles()
        .OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Name}({f.Length})"));

    private static List<DataFile> List(string dataDir, Regex name)
    {
        var folder = VersionDir(dataDir);
        if (!Directory.Exists(folder))
            return [];
        return
        [
            .. Directory.GetFiles(folder)
                .Select(path => (path, match: name.Match(Path.GetFileName(path))))
                .Where(f => f.match.Success)
                .Select(f => new DataFile(f.path, long.Parse(f.match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
                .OrderBy(f => f.Zxid),
        ];
    }

    [GeneratedRegex(@"^log\.([0-9a-f]+)$")]
    private static partial Regex LogName();

    [GeneratedRegex(@"^snapshot\.([0-9a-f]+)(?:\.gz|\.snappy)?$")]
    private static partial Regex SnapshotName();
}
