using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// The snapshot and log directories (dataDir/version-2 and dataLogDir/version-2): recovery at
/// start (newest valid snapshot, then the logs), writing snapshots (compressed as configured) and
/// purging old files (PROTOCOL.md §12). The recovered tree keeps a digest only with
/// <paramref name="digestEnabled"/> (digest.enabled).
/// </summary>
internal sealed class DataDirectory(
    IStorage storage, string snapshotDir, string logDir, ILogger logger, SnapshotCompression compression = SnapshotCompression.None, bool digestEnabled = true)
{
    private const int MaxSnapshotsTried = 100;

    public string SnapshotDir => snapshotDir;

    public string LogDir => logDir;

    /// <summary>Loads the state; throws <see cref="RecoveryException"/> rather than serve a damaged history.</summary>
    /// <param name="createDirectories">zookeeper.datadir.autocreate: make the version-2 directories when they are missing.</param>
    public RecoveredState Recover(bool trustEmptySnapshot, bool createDirectories = true)
    {
        Prepare(logDir, "data", createDirectories);
        Prepare(snapshotDir, "snap", createDirectories);
        var logs = DataFiles.Sorted(storage, logDir, DataFiles.LogPrefix);
        var clock = Stopwatch.StartNew();
        var snapshot = LoadNewestSnapshot();
        var snapshotLoadMs = clock.ElapsedMilliseconds;
        if (snapshot is null && logs.Count > 0 && !trustEmptySnapshot)
        {
            throw new RecoveryException($"{logDir} holds txn logs but {snapshotDir} has no snapshot; refusing to start on a "
                + "possibly partial history (ZOOKEEPER-2325). Set zookeeper.snapshot.trust.empty=true to start from the logs alone.");
        }

        var state = snapshot is null
            ? new RecoveredState(new DataTree(digestEnabled), [], Zxid.Zero)
            : new RecoveredState(snapshot.Tree, snapshot.Sessions, new Zxid(snapshot.Zxid));
        clock.Restart();
        var (recovered, replayed, replayedBytes) = Replay(state, logs);
        // Java replays (and counts) only from a snapshot or, trusting an empty one, from logs alone.
        var replaying = snapshot is not null || logs.Count > 0;
        return recovered with
        {
            FromSnapshot = snapshot is not null,
            SnapshotLoadMs = snapshotLoadMs,
            TxnsLoaded = replaying ? (replayed, clock.ElapsedMilliseconds) : null,
            ReplayedLogBytes = replayedBytes,
        };
    }

    private void Prepare(string directory, string kind, bool create)
    {
        if (create)
            storage.CreateDirectory(directory);
        else if (!storage.Exists(directory))
            throw new RecoveryException($"Missing {kind} directory {directory}, automatic data directory creation is disabled (zookeeper.datadir.autocreate is false). Please create this directory manually.");
    }

    /// <summary>Writes the image durably as snapshot.&lt;zxid&gt;, with the configured compression's extension.</summary>
    public void WriteSnapshot(SnapshotImage image) => SnapshotWriter.Write(storage, snapshotDir, image, compression);

    /// <summary>Keeps the newest <paramref name="retain"/> snapshots and the logs they need; deletes the rest.</summary>
    public void Purge(int retain)
    {
        var snapshots = DataFiles.Sorted(storage, snapshotDir, DataFiles.SnapshotPrefix);
        if (snapshots.Count <= retain)
            return;
        var oldestKept = snapshots[^retain].Zxid;
        foreach (var (_, path) in snapshots.Take(snapshots.Count - retain))
            storage.Delete(path);
        var logs = DataFiles.Sorted(storage, logDir, DataFiles.LogPrefix);
        // The newest log starting at or before the oldest kept snapshot may hold txns after it.
        var firstNeeded = logs.FindLastIndex(l => l.Zxid <= oldestKept);
        for (var i = 0; i < firstNeeded; i++)
            storage.Delete(logs[i].Path);
    }

    /// <summary>
    /// Drops every logged txn after <paramref name="zxid"/> (a leader's TRUNC, §11.5): later log
    /// files and snapshots go, and the file holding <paramref name="zxid"/> is rewritten without them.
    /// </summary>
    public void TruncateAfter(Zxid zxid)
    {
        foreach (var (start, path) in DataFiles.Sorted(storage, snapshotDir, DataFiles.SnapshotPrefix).Where(s => s.Zxid > zxid.Value))
        {
            _ = start;
            storage.Delete(path);
        }

        foreach (var (start, path) in DataFiles.Sorted(storage, logDir, DataFiles.LogPrefix))
        {
            if (start > zxid.Value)
            {
                storage.Delete(path);
                continue;
            }

            var scan = TxnLogScanner.Scan(storage, path);
            if (scan.Txns.Count == 0 || scan.Txns[^1].Txn.Header.Zxid <= zxid)
                continue;
            var temporary = path + ".trunc";
            using (var log = new TxnLog(storage, Path.GetDirectoryName(temporary)!, 0, forceSync: true, fileName: Path.GetFileName(temporary)))
            {
                foreach (var (txn, digest) in scan.Txns.Where(t => t.Txn.Header.Zxid <= zxid))
                    log.Append(txn, digest?.TreeDigest);
                log.Flush();
            }

            storage.Delete(path);
            if (storage.Exists(temporary))
                storage.Rename(temporary, path);
        }
    }

    /// <summary>Deletes every txn log (a SNAP from the leader replaces the history).</summary>
    public void DeleteLogs()
    {
        foreach (var (_, path) in DataFiles.Sorted(storage, logDir, DataFiles.LogPrefix))
            storage.Delete(path);
    }

    private LoadedSnapshot? LoadNewestSnapshot()
    {
        var snapshots = DataFiles.Sorted(storage, snapshotDir, DataFiles.SnapshotPrefix);
        foreach (var (zxid, path) in Enumerable.Reverse(snapshots).Take(MaxSnapshotsTried))
        {
            try
            {
                var loaded = SnapshotReader.Read(storage, path, zxid, digestEnabled);
                PersistenceLog.SnapshotLoaded(logger, path);
                return loaded;
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                PersistenceLog.SnapshotSkipped(logger, path, e.Message);
            }
        }

        return snapshots.Count == 0 ? null : throw new RecoveryException($"Not able to find a valid snapshot in {snapshotDir}");
    }

    private (RecoveredState State, int Replayed, long ReplayedBytes) Replay(RecoveredState state, List<(long Zxid, string Path)> logs)
    {
        var final = new Final(state.Tree);
        var events = new List<ChangeEvent>();
        var last = state.LastZxid;
        // Start from the newest log that begins at or before the snapshot (Java's getLogFiles).
        var first = Math.Max(0, logs.FindLastIndex(l => l.Zxid <= last.Value));
        var replayed = 0;
        var replayedBytes = 0L;
        for (var i = first; i < logs.Count; i++)
        {
            var scan = TxnLogScanner.Scan(storage, logs[i].Path, skipThrough: last.Value);
            if (scan.Txns.Count > 0)
                replayedBytes += Length(logs[i].Path);
            foreach (var (txn, _) in scan.Txns)
            {
                var zxid = txn.Header.Zxid;
                if (zxid <= last)
                    continue;
                if (zxid.Epoch == last.Epoch && last.Value != 0 && zxid.Value != last.Value + 1)
                    throw new RecoveryException($"{scan.Path}: txn {zxid} follows {last}; the txns between them are missing");
                final.Apply(txn, events);
                Track(state.Sessions, txn);
                last = zxid;
                replayed++;
            }

            EndOf(scan, isLast: i == logs.Count - 1);
        }

        PersistenceLog.Replayed(logger, replayed, last.ToString());
        return (state with { LastZxid = last }, replayed, replayedBytes);
    }

    private void EndOf(LogScan scan, bool isLast)
    {
        if (scan.Tail == LogTail.Clean)
            return;
        if (scan.Tail == LogTail.Corrupt || !isLast)
        {
            throw new RecoveryException($"txn log {scan.Path} is damaged ({scan.Problem}); refusing to start with a shortened "
                + "history. Restore the file, or move it and every later log aside to start from what precedes it.");
        }

        // A write cut short by a crash: it was never acknowledged, so it goes.
        PersistenceLog.TornTail(logger, scan.Path, scan.GoodEnd, scan.Problem ?? "");
        if (scan.GoodEnd <= FileHeader.Size)
        {
            storage.Delete(scan.Path);
            return;
        }

        using var file = storage.OpenWrite(scan.Path);
        file.SetLength(scan.GoodEnd);
        storage.Sync(file);
    }

    private long Length(string path)
    {
        using var file = storage.OpenRead(path);
        return file.Length;
    }

    private static void Track(Dictionary<long, int> sessions, Txn txn)
    {
        if (txn.Header.Type == OpCode.CreateSession && txn.Record is Protocol.Txn.CreateSessionTxn create)
            sessions[txn.Header.ClientId.Value] = create.TimeoutMs;
        else if (txn.Header.Type == OpCode.CloseSession)
            sessions.Remove(txn.Header.ClientId.Value);
    }
}
