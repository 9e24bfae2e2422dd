using ZkCompat.Protocol.Ids;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>
/// A sequence of applied txns with a running hash after each one, so that two sequences are
/// compared prefix against prefix in O(1): the hash of the first n entries is the "data digest"
/// of a replica that applied exactly those n txns.
/// </summary>
internal sealed class AppliedState
{
    private const ulong Empty = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private readonly List<LogEntry> _entries = [];
    private readonly List<ulong> _hashes = [];

    public int Count => _entries.Count;

    public IReadOnlyList<LogEntry> Entries => _entries;

    public Zxid Last => _entries.Count == 0 ? Zxid.Zero : _entries[^1].Zxid;

    public ulong Digest => HashOf(_entries.Count);

    /// <summary>The digest of the first <paramref name="count"/> entries.</summary>
    public ulong HashOf(int count) => count == 0 ? Empty : _hashes[count - 1];

    public void Add(LogEntry entry)
    {
        var hash = Digest ^ (ulong)entry.Zxid.Value;
        hash *= Prime;
        foreach (var b in entry.Txn)
            hash = (hash ^ b) * Prime;
        _entries.Add(entry);
        _hashes.Add(hash * Prime);
    }

    public void Reset(IEnumerable<LogEntry> entries)
    {
        _entries.Clear();
        _hashes.Clear();
        foreach (var entry in entries)
            Add(entry);
    }

    /// <summary>True when the shorter of the two is a prefix of the longer.</summary>
    public bool AgreesWith(AppliedState other)
    {
        var n = Math.Min(Count, other.Count);
        return HashOf(n) == other.HashOf(n);
    }

    /// <summary>The first index where the two differ (for messages), or -1.</summary>
    public int FirstDifference(AppliedState other)
    {
        var n = Math.Min(Count, other.Count);
        for (var i = 0; i < n; i++)
        {
            if (HashOf(i + 1) != other.HashOf(i + 1))
                return i;
        }

        return Count == other.Count ? -1 : n;
    }

    public string Describe(int index) =>
        index < 0 || index >= Count ? "(none)" : $"{_entries[index].Zxid}={System.Text.Encoding.UTF8.GetString(_entries[index].Txn)}";
}
