using static ZkCompat.Server.Host.Config.Catalog.ConfigKey;

namespace ZkCompat.Server.Host.Config.Catalog;

/// <summary>The administrator's guide's "Cluster Options" that are system properties.</summary>
internal static class ClusterProperties
{
    public static KeyGroup Group { get; } = new("Ensemble", ZooCfgOnly: false,
    [
        Honoured("zookeeper.commitLogCount", "below 500 is raised to 500, as Java; commitLogCount + 1 txns are kept"),
        Honoured("zookeeper.snapshotSizeFactor", "the leader DIFFs from its txn log by Java's size rule; hexadecimal floats refuse the start"),
        Ignored("zookeeper.leader.maxTimeToWaitForEpoch", "the leader waits for a quorum's epochs within initLimit"),
        RefusedUnless("zookeeper.leaderServes", "yes", "the leader always serves clients (Java's default, yes)"),
        Honoured("zookeeper.cnxTimeout", "a negative or unreadable value refuses the start (Java never completes an election then)"),
        Ignored("zookeeper.quorumCnxnTimeoutMs", "only used with quorum SASL, which is refused"),
        Honoured("zookeeper.4lw.commands.whitelist"),
        Honoured("zookeeper.tcpKeepAlive", "election sockets, as Java"),
        Honoured("zookeeper.clientTcpKeepAlive"),
        Honoured("zookeeper.electionPortBindRetry"),
        Ignored("zookeeper.observer.reconnectDelayMs", "observers reconnect at once after losing the leader"),
        Ignored("zookeeper.observer.election.DelayMs", "observers look for the leader at once"),
        Ignored("zookeeper.fastleader.minNotificationInterval", "FastLeaderElection resends its vote at Java's default intervals"),
        Ignored("zookeeper.fastleader.maxNotificationInterval", "FastLeaderElection resends its vote at Java's default intervals"),
        Honoured("zookeeper.multiAddress.enabled", "false only on a quorum member: true refuses the start"),
        Ignored("zookeeper.multiAddress.reachabilityCheckEnabled", "only used with multiAddress.enabled, which is refused"),
        Ignored("zookeeper.multiAddress.reachabilityCheckTimeoutMs", "only used with multiAddress.enabled, which is refused"),
        Ignored("zookeeper.forceSnapshotSync", "a test switch of Java's leader; ZkCompat's leader chooses DIFF or SNAP itself"),
        Ignored("zookeeper.leaderConnectDelayDuringRetryMs", "learners retry the leader on ZkCompat's own schedule"),
        Ignored("zookeeper.leader.ackLoggingFrequency", "Java's ack latency logging"),
        Ignored("zookeeper.observerMaster.sizeLimit", "only used with observerMasterPort, which is refused"),
        Ignored("zookeeper.testingonly.initialZxid", "a test switch of Java's"),
    ]);
}
