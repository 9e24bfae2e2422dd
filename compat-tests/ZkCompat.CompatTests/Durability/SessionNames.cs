namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// Names a run's session ids by the order they first appear in its txn logs (session#1, session#2, ...):
/// ids differ on every run (they hold the server's start time), the order of creation does not.
/// </summary>
internal sealed class SessionNames
{
    private readonly Dictionary<long, string> _names = [];

    public SessionNames(IEnumerable<TxnLogEntry> txnsInZxidOrder)
    {
        foreach (var txn in txnsInZxidOrder)
        {
            // Txns no session sent (none in a standalone workload) carry session 0.
            if (txn.Session != 0)
                _names.TryAdd(txn.Session, $"session#{_names.Count + 1}");
        }
    }

    /// <summary>The id's name; an id the logs never mention stays visible as itself.</summary>
    public string Name(long id) => id == 0 ? "0" : _names.TryGetValue(id, out var name) ? name : $"unknown-session-0x{id:x}";
}
