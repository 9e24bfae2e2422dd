using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Server.Persistence;

namespace ZkCompat.Bench.Engine;

/// <summary>Times the recovery of a data directory in-process (no server), with the collections it cost.</summary>
internal static class RecoveryTiming
{
    public static string Measure(string dataDir)
    {
        var versionDir = Path.Combine(dataDir, "version-2");
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pause = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        var state = new DataDirectory(DiskStorage.Instance, versionDir, versionDir, NullLogger.Instance).Recover(trustEmptySnapshot: false);
        var elapsed = clock.ElapsedMilliseconds;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"recovered {state.Tree.NodeCount} znodes to {state.LastZxid} in {elapsed} ms; GC pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms, " +
            $"collections gen0/1/2 {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}");
    }
}
