using System.Globalization;
using System.Runtime.InteropServices;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Ops;

/// <summary>Facts about the process and its directories that conf, dirs, envi and mntr report.</summary>
internal static class ServerFacts
{
    public static string SnapshotDir(ServerOptions options) => Path.Combine(options.DataDir, "version-2");

    public static string LogDir(ServerOptions options) => Path.Combine(options.DataLogDir, "version-2");

    /// <summary>Bytes of every file in a version-2 directory (Java's dataDirSize / dataLogSize).</summary>
    public static long DirectorySize(string directory)
    {
        try
        {
            return new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The newest snapshot: its zxid and its file's modification time (last_snapshot).</summary>
    public static (long Zxid, DateTimeOffset Time)? LastSnapshot(ServerOptions options)
    {
        try
        {
            var newest = new DirectoryInfo(SnapshotDir(options)).EnumerateFiles("snapshot.*")
                .Select(f => (File: f, Ok: long.TryParse(f.Name["snapshot.".Length..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var z), Zxid: z))
                .Where(s => s.Ok)
                .MaxBy(s => s.Zxid);
            return newest.File is null ? null : (newest.Zxid, new DateTimeOffset(newest.File.LastWriteTimeUtc));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static long OpenFileDescriptors()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries("/proc/self/fd").LongCount();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>The soft limit on open files, from /proc/self/limits.</summary>
    public static long MaxFileDescriptors()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var fields = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: > 0 } && long.TryParse(fields[0], CultureInfo.InvariantCulture, out var n) ? n : -1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>envi's keys are Java's (scrapers look them up by name); the java.* ones describe the .NET runtime.</summary>
    public static IReadOnlyList<(string Key, string Value)> Environment()
    {
        var mb = 1024 * 1024;
        var gc = GC.GetGCMemoryInfo();
        var total = GC.GetTotalMemory(false);
        return
        [
            ("zookeeper.version", ServerOps.Version),
            ("host.name", System.Net.Dns.GetHostName()),
            ("java.version", RuntimeInformation.FrameworkDescription),
            ("java.vendor", "Microsoft"),
            ("java.home", RuntimeEnvironment.GetRuntimeDirectory()),
            ("java.class.path", AppContext.BaseDirectory),
            ("java.library.path", System.Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? ""),
            ("java.io.tmpdir", Path.GetTempPath().TrimEnd('/')),
            ("java.compiler", "<NA>"),
            ("os.name", RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "Linux" : RuntimeInformation.OSDescription),
            ("os.arch", RuntimeInformation.OSArchitecture == Architecture.X64 ? "amd64" : RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()),
            ("os.version", System.Environment.OSVersion.Version.ToString()),
            ("user.name", System.Environment.UserName),
            ("user.home", System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile)),
            ("user.dir", System.Environment.CurrentDirectory),
            ("os.memory.free", $"{Math.Max(0, gc.HeapSizeBytes - total) / mb}MB"),
            ("os.memory.max", $"{gc.TotalAvailableMemoryBytes / mb}MB"),
            ("os.memory.total", $"{gc.HeapSizeBytes / mb}MB"),
        ];
    }
}
