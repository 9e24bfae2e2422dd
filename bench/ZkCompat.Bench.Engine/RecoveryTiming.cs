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
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pause = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        var state = new DataDirectory(DiskStorage.Instance, versionDir, versionDir, NullLogger.Instance).Recover(trustEmptySnapshot: false);
        var elapsed = clock.ElapsedMilliseconds;
        var recovered = string.Create(
            CultureInfo.InvariantCulture,
            $"recovered {state.Tree.NodeCount} znodes to {state.LastZxid} in {elapsed} ms; GC pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms, " +
            $"collections gen0/1/2 {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}");

        // What a server does next before serving: the startup snapshot and one compacting collection.
        var scratch = Directory.CreateTempSubdirectory("zkcompat-recover-");
        try
        {
            clock.Restart();
            var image = SnapshotImage.Capture(state.Tree, state.LastZxid, state.Sessions.Select(s => (s.Key, s.Value)));
            var captured = clock.ElapsedMilliseconds;
            SnapshotWriter.Write(DiskStorage.Instance, scratch.FullName, image);
            var written = clock.ElapsedMilliseconds;
            image = null;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var collected = clock.ElapsedMilliseconds - written;
            var live = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (double)state.Tree.NodeCount;
            GC.KeepAlive(state);
            return recovered + string.Create(
                CultureInfo.InvariantCulture,
                $"; then startup snapshot captured in {captured} ms, written in {written - captured} ms, compacting collection {collected} ms; {live:F0} live bytes per znode");
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
