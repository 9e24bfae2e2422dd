using static ZkCompat.Server.Host.Config.Catalog.ConfigKey;

namespace ZkCompat.Server.Host.Config.Catalog;

/// <summary>The administrator's guide's "Cluster Options" that are system properties.</summary>
internal static class ClusterProperties
{
    public static KeyGroup Group { get; } = new("Ensemble", ZooCfgOnly: false,
    [
        Ignored("zookeeper.commitLogCount", "not applied yet: the leader keeps the last 500 committed txns for DIFF"),
        Ignored("zookeeper.snapshotSizeFactor", "not applied yet: a learner behind the in-memory log gets a SNAP"),
        Ignored("zookeeper.leader.maxTimeToWaitForEpoch", "the leader waits for a quorum's epochs within initLimit"),
        RefusedUnless("zookeeper.leaderServes", "yes", "the leader always serves clients (Java's default, yes)"),
        Ignored("zookeeper.cnxTimeout", "not applied yet: election connections time out after 5000 ms"),
        Ignored("zookeeper.quorumCnxnTimeoutMs", "only used with quorum SASL, which is refused"),
        Honoured("zookeeper.4lw.commands.whitelist"),
        Ignored("zookeeper.tcpKeepAlive", "not applied yet: quorum sockets have no keep-alive"),
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
