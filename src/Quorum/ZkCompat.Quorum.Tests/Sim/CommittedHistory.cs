using System.Text;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>
/// The oracle: the one committed sequence every replica must agree with. It grows when a leader
/// is established (its whole history is committed from then on, and must contain everything
/// committed before) and when a leader applies a txn (a quorum ACKed it: the write is
/// acknowledged to its client). Everything wrong that anyone notices lands in
/// <see cref="Violations"/>.
/// </summary>
internal sealed class CommittedHistory
{
    private readonly Dictionary<long, long> _leaderOfEpoch = [];
    private readonly HashSet<string> _acknowledged = [];

    public AppliedState Chain { get; } = new();

    public List<string> Violations { get; } = [];

    /// <summary>Every committed txn: the writes clients were told succeeded and the histories of established leaders.</summary>
    public IReadOnlyCollection<string> Acknowledged => _acknowledged;

    /// <summary>How many txns leaders applied (acknowledged to a client).</summary>
    public int LeaderApplies { get; private set; }

    public IReadOnlyDictionary<long, long> LeaderOfEpoch => _leaderOfEpoch;

    /// <summary>Prefixes each violation with the time and anything else the cluster knows.</summary>
    public Func<string>? Context { get; set; }

    public void Violation(string text) => Violations.Add($"{Context?.Invoke()}{text}");

    public void Established(long sid, long epoch, AppliedState state)
    {
        if (_leaderOfEpoch.TryGetValue(epoch, out var other))
            Violation($"server {sid} established as leader of epoch {epoch}, already led by server {other}");
        _leaderOfEpoch[epoch] = sid;
        if (state.Count < Chain.Count || state.HashOf(Chain.Count) != Chain.Digest)
        {
            var at = state.FirstDifference(Chain);
            Violation($"leader {sid} of epoch {epoch} lacks committed txns: at index {at} it has {state.Describe(at)}, committed is {Chain.Describe(at)} (it has {state.Count}, committed {Chain.Count})");
            return;
        }

        Extend(state);
    }

    public void Committed(long sid, AppliedState state)
    {
        LeaderApplies++;
        if (!state.AgreesWith(Chain))
        {
            var at = state.FirstDifference(Chain);
            Violation($"leader {sid} committed a history that diverges at index {at}: {state.Describe(at)} vs committed {Chain.Describe(at)}");
            return;
        }

        Extend(state);
    }

    /// <summary>A serving replica holds a prefix of the committed sequence, never more.</summary>
    public void CheckServing(long sid, PeerRole role, AppliedState state)
    {
        if (state.Count <= Chain.Count && state.Digest == Chain.HashOf(state.Count))
            return;
        var at = state.FirstDifference(Chain);
        Violation($"server {sid} serves as {role} a state that is not a committed prefix: at index {at} it has {state.Describe(at)}, committed is {Chain.Describe(at)}");
    }

    private void Extend(AppliedState state)
    {
        for (var i = Chain.Count; i < state.Count; i++)
        {
            Chain.Add(state.Entries[i]);
            _acknowledged.Add(Encoding.UTF8.GetString(state.Entries[i].Txn));
        }
    }
}
