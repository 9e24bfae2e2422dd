using System.Globalization;

namespace ZkCompat.CompatTests.Ensemble;

/// <summary>
/// Where leader-failover times go, one tab-separated line per run, so ZkCompat's election time can be
/// reported next to Java's from the same harness: $ZKCOMPAT_ELECTION_RESULTS if set, otherwise
/// compat-tests/TestResults/election-times.tsv in the source tree (ignored by git).
/// </summary>
internal static class ElectionTimes
{
    public const string FileVariable = "ZKCOMPAT_ELECTION_RESULTS";

    private const string Header =
        "utc\tkind\tkilled_leader\tnew_leader\tkill_to_leader_ms\tkill_to_all_serving_ms\tkill_to_first_write_ms\tacked_writes\tmachine_cores";

    public static string FilePath =>
        Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(CompatTestsFolder() ?? AppContext.BaseDirectory, "TestResults", "election-times.tsv");

    /// <summary>Appends one run's line (and the header to a new file); returns the file's path.</summary>
    public static string Append(Run run)
    {
        var path = FilePath;
        var line = string.Join(
            '\t',
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            run.Kind,
            run.KilledLeader,
            run.NewLeader,
            $"{run.ToLeader.TotalMilliseconds:F0}",
            $"{run.ToAllServing.TotalMilliseconds:F0}",
            $"{run.ToFirstWrite.TotalMilliseconds:F0}",
            $"{run.AckedWrites}",
            $"{Environment.ProcessorCount}");
        // The ensemble tests run one at a time (SerialEnsembles), so appends never interleave.
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var isNew = !File.Exists(path) || new FileInfo(path).Length == 0;
        File.AppendAllText(path, (isNew ? Header + "\n" : "") + line + "\n");

        return path;
    }

    /// <summary>One failover: the ensemble kind, which implementation the killed and the new leader ran, and the times from the kill.</summary>
    internal sealed record Run(
        string Kind, string KilledLeader, string NewLeader, TimeSpan ToLeader, TimeSpan ToAllServing, TimeSpan ToFirstWrite, int AckedWrites);

    /// <summary>The compat-tests folder of the source tree the test assembly was built from, found upwards from the output.</summary>
    private static string? CompatTestsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.Name == "compat-tests" && File.Exists(Path.Combine(dir.FullName, "README.md")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
