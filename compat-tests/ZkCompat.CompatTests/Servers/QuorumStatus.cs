namespace ZkCompat.CompatTests.Servers;

/// <summary>What each member that is up said in one round of <c>srvr</c>: its Mode, or null (not serving, not answering).</summary>
internal sealed record QuorumStatus(IReadOnlyDictionary<EnsembleMember, string?> Modes)
{
    private static readonly string[] QuorumModes = ["leader", "follower", "observer"];

    /// <summary>The one member saying leader, or null when none or several do.</summary>
    public EnsembleMember? Leader
    {
        get
        {
            var leaders = Modes.Where(m => m.Value == "leader").Select(m => m.Key).ToList();
            return leaders.Count == 1 ? leaders[0] : null;
        }
    }

    /// <summary>Every member asked is in the quorum (leader, follower or observer) and exactly one leads.</summary>
    public bool IsFormed => Modes.Count > 0 && Modes.Values.All(m => QuorumModes.Contains(m)) && Leader is not null;

    public IReadOnlyList<EnsembleMember> InMode(string mode) => [.. Modes.Where(m => m.Value == mode).Select(m => m.Key).OrderBy(m => m.Id)];

    public override string ToString() =>
        string.Join(", ", Modes.OrderBy(m => m.Key.Id).Select(m => $"server.{m.Key.Id}={m.Value ?? "(not serving)"}"));
}
