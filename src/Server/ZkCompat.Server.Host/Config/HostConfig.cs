using ZkCompat.Quorum.Config;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Host.Config;

/// <summary>What zoo.cfg says: the server's options, and the ensemble when this server is a quorum member (null = standalone, §9.3).</summary>
internal sealed record HostConfig(ServerOptions Server, QuorumConfig? Quorum);
