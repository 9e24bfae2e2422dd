using Microsoft.Extensions.Logging;
using ZkCompat.Protocol.Ids;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// Java's txnlog sync (ZKDatabase.getProposalsFromTxnLog, PROTOCOL.md §11.5 rule 4): a leader
/// DIFFs a learner that is behind its in-memory committed log from the txn log on disk, if the
/// log reaches back to the learner's zxid and is not too large to be worth it.
/// </summary>
internal static class TxnLogSync
{
    /// <summary>
    /// The logged txns from the last one before <paramref name="peer"/> through <paramref name="upTo"/>,
    /// or null when the log does not reach back to <paramref name="peer"/> or is too large. "Too large"
    /// is Java's measure, quirks included: the lengths (preallocation too) of the log files after
    /// the one holding the first txn read, against <paramref name="snapshotSizeFactor"/> times the
    /// length of the newest snapshot; a limit of 0 (factor 0, or no snapshot) means no limit.
    /// </summary>
    public static IReadOnlyList<(Zxid Zxid, byte[] Txn)>? Read(IStorage storage, DataDirectory directory, Zxid peer, Zxid upTo, double snapshotSizeFactor, ILogger logger)
    {
        try
        {
            return TryRead(storage, directory, peer, upTo, snapshotSizeFactor, logger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The purge task may delete a file as we read; as Java, the learner then gets a SNAP.
            PersistenceLog.TxnLogUnreadable(logger, e.Message);
            return null;
        }
    }

    private static List<(Zxid Zxid, byte[] Txn)>? TryRead(IStorage storage, DataDirectory directory, Zxid peer, Zxid upTo, double snapshotSizeFactor, ILogger logger)
    {
        var limitBytes = (long)(NewestSnapshotBytes(storage, directory.SnapshotDir) * snapshotSizeFactor);
        var logs = DataFiles.Sorted(storage, directory.LogDir, DataFiles.LogPrefix);
        // Java's FileTxnIterator: the newest file that starts before the peer's zxid, and every later one.
        var files = logs.Skip(Math.Max(0, logs.FindLastIndex(l => l.Zxid < peer.Value))).Select(l => l.Path).ToList();
        var opened = files.FindIndex(path => TxnLogScanner.Entries(storage, path).Any());
        if (opened < 0)
            return null;
        if (TxnLogScanner.Entries(storage, files[opened]).First().Zxid > peer.Value)
        {
            PersistenceLog.TxnLogMissesZxid(logger, peer.ToString());
            return null;
        }

        var laterBytes = files.Skip(opened + 1).Sum(path => Length(storage, path));
        if (limitBytes > 0 && laterBytes > limitBytes)
        {
            PersistenceLog.TxnLogTooLarge(logger, laterBytes, limitBytes);
            return null;
        }

        return Collect(storage, files.Skip(opened), peer, upTo);
    }

    /// <summary>The last txn before the peer's (the walk needs it for a TRUNC), then those up to <paramref name="upTo"/>.</summary>
    private static List<(Zxid Zxid, byte[] Txn)> Collect(IStorage storage, IEnumerable<string> files, Zxid peer, Zxid upTo)
    {
        var entries = new List<(Zxid Zxid, byte[] Txn)>();
        foreach (var path in files)
        {
            foreach (var (zxid, entry) in TxnLogScanner.Entries(storage, path))
            {
                if (zxid > upTo.Value)
                    return entries;
                if (zxid < peer.Value && entries.Count > 0)
                    entries.Clear();
                entries.Add((new Zxid(zxid), entry));
            }
        }

        return entries;
    }

    /// <summary>Java's findMostRecentSnapshot: the newest snapshot that ends like a complete one (…, 1, '/'); 0 when none does.</summary>
    private static long NewestSnapshotBytes(IStorage storage, string snapshotDir)
    {
        foreach (var (_, path) in Enumerable.Reverse(DataFiles.Sorted(storage, snapshotDir, DataFiles.SnapshotPrefix)))
        {
            using var file = storage.OpenRead(path);
            if (file.Length < 10)
                continue;
            var tail = new byte[5];
            file.Position = file.Length - 5;
            file.ReadExactly(tail);
            if (tail is [0, 0, 0, 1, (byte)'/'])
                return file.Length;
        }

        return 0;
    }

    private static long Length(IStorage storage, string path)
    {
        using var file = storage.OpenRead(path);
        return file.Length;
    }
}
