namespace ZkCompat.Quorum.Config;

/// <summary>
/// One <c>server.N=host:quorumPort:electionPort[:participant|:observer][;[clientHost:]clientPort]</c>
/// line (PROTOCOL.md §9.2).
/// </summary>
public sealed record QuorumMember(long Sid, string Host, int QuorumPort, int ElectionPort, bool IsObserver, string? ClientHost = null, int? ClientPort = null);
