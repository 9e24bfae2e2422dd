using Microsoft.Extensions.Logging;
using ZkCompat.Server.Host.Config;
using ZkCompat.Server.Host.Config.Catalog;

namespace ZkCompat.Server.Tests;

/// <summary>Every ZooKeeper 3.8 setting is honoured, refused at start, or ignored with a WARN line: none is dropped silently.</summary>
public class ConfigCatalogTests
{
    /// <summary>
    /// The settings ZooKeeper 3.8.0's administrator's guide (zookeeperAdmin.md) lists, each as Java
    /// reads it: the zoo.cfg key where QuorumPeerConfig reads it, else the system property the guide names.
    /// </summary>
    public static TheoryData<string> AdminGuideSettings => new(
        "clientPort", "secureClientPort", "observerMasterPort", "dataDir", "tickTime", "dataLogDir",
        "zookeeper.globalOutstandingLimit", "zookeeper.preAllocSize", "zookeeper.snapCount", "zookeeper.commitLogCount",
        "zookeeper.snapSizeLimitInKb", "zookeeper.txnLogSizeLimitInKb", "zookeeper.maxCnxns", "maxClientCnxns", "clientPortAddress",
        "minSessionTimeout", "maxSessionTimeout", "zookeeper.fsync.warningthresholdms", "zookeeper.maxResponseCacheSize",
        "zookeeper.maxGetChildrenResponseCacheSize", "autopurge.snapRetainCount", "autopurge.purgeInterval", "syncEnabled",
        "zookeeper.observer.syncEnabled", "zookeeper.extendedTypesEnabled", "zookeeper.emulate353TTLNodes", "zookeeper.watchManagerName",
        "zookeeper.watcherCleanThreadsNum", "zookeeper.watcherCleanThreshold", "zookeeper.watcherCleanIntervalInSeconds",
        "zookeeper.maxInProcessingDeadWatchers", "zookeeper.bitHashCacheSize", "zookeeper.fastleader.minNotificationInterval",
        "zookeeper.fastleader.maxNotificationInterval", "zookeeper.connection_throttle_tokens", "zookeeper.connection_throttle_fill_time",
        "zookeeper.connection_throttle_fill_count", "zookeeper.connection_throttle_freeze_time", "zookeeper.connection_throttle_drop_increase",
        "zookeeper.connection_throttle_drop_decrease", "zookeeper.connection_throttle_decrease_ratio", "zookeeper.connection_throttle_weight_enabled",
        "zookeeper.connection_throttle_global_session_weight", "zookeeper.connection_throttle_local_session_weight",
        "zookeeper.connection_throttle_renew_session_weight", "clientPortListenBacklog", "zookeeper.serverCnxnFactory", "zookeeper.flushDelay",
        "zookeeper.maxWriteQueuePollTime", "zookeeper.maxBatchSize", "zookeeper.enforceQuota", "zookeeper.request_throttle_max_requests",
        "zookeeper.request_throttle_stall_time", "zookeeper.request_throttle_drop_stale", "zookeeper.request_stale_latency_check",
        "zookeeper.request_stale_connection_check", "zookeeper.request_throttler.shutdownTimeout", "zookeeper.netty.advancedFlowControl.enabled",
        "zookeeper.enableEagerACLCheck", "zookeeper.leader.maxConcurrentSnapSyncs", "zookeeper.leader.maxConcurrentDiffSyncs",
        "zookeeper.digest.enabled", "zookeeper.snapshot.compression.method", "zookeeper.snapshot.trust.empty", "zookeeper.audit.enable",
        "zookeeper.audit.impl.class", "zookeeper.largeRequestMaxBytes", "zookeeper.largeRequestThreshold",
        "zookeeper.netty.server.outstandingHandshake.limit", "zookeeper.netty.server.earlyDropSecureConnectionHandshakes",
        "zookeeper.throttled_op_wait_time", "zookeeper.learner.closeSocketAsync", "zookeeper.leader.closeSocketAsync",
        "zookeeper.learner.asyncSending", "zookeeper.forward_learner_requests_to_commit_processor_disabled", "electionAlg",
        "zookeeper.leader.maxTimeToWaitForEpoch", "initLimit", "connectToLearnerMasterLimit", "zookeeper.leaderServes", "server.1", "syncLimit",
        "group.1", "weight.1", "zookeeper.cnxTimeout", "zookeeper.quorumCnxnTimeoutMs", "standaloneEnabled", "reconfigEnabled",
        "zookeeper.4lw.commands.whitelist", "zookeeper.tcpKeepAlive", "zookeeper.clientTcpKeepAlive", "zookeeper.electionPortBindRetry",
        "zookeeper.observer.reconnectDelayMs", "zookeeper.observer.election.DelayMs", "localSessionsEnabled", "localSessionsUpgradingEnabled",
        "zookeeper.DigestAuthenticationProvider.enabled", "zookeeper.DigestAuthenticationProvider.superDigest",
        "zookeeper.DigestAuthenticationProvider.digestAlg", "zookeeper.X509AuthenticationProvider.superUser", "zookeeper.superUser",
        "zookeeper.ssl.authProvider", "zookeeper.ensembleAuthName", "zookeeper.sessionRequireClientSASLAuth", "zookeeper.enforce.auth.enabled",
        "zookeeper.enforce.auth.schemes", "sslQuorum", "zookeeper.ssl.keyStore.location", "zookeeper.ssl.keyStore.password",
        "zookeeper.ssl.keyStore.passwordPath", "zookeeper.ssl.keyStore.type", "zookeeper.ssl.trustStore.location",
        "zookeeper.ssl.trustStore.passwordPath", "zookeeper.ssl.trustStore.type", "zookeeper.ssl.protocol", "zookeeper.ssl.enabledProtocols",
        "zookeeper.ssl.ciphersuites", "zookeeper.ssl.context.supplier.class", "zookeeper.ssl.hostnameVerification", "zookeeper.ssl.crl",
        "zookeeper.ssl.ocsp", "zookeeper.ssl.clientAuth", "zookeeper.ssl.handshakeDetectionTimeoutMillis", "zookeeper.ssl.quorum.keyStore.location",
        "zookeeper.client.portUnification", "zookeeper.authProvider.1", "zookeeper.kerberos.removeHostFromPrincipal",
        "zookeeper.kerberos.removeRealmFromPrincipal", "zookeeper.kerberos.canonicalizeHostNames", "multiAddress.enabled",
        "zookeeper.multiAddress.enabled", "multiAddress.reachabilityCheckTimeoutMs", "multiAddress.reachabilityCheckEnabled",
        "readonlymode.enabled", "zookeeper.follower.skipLearnerRequestToNextProcessor", "zookeeper.forceSync", "jute.maxbuffer",
        "zookeeper.jute.maxbuffer.extrasize", "zookeeper.skipACL", "quorumListenOnAllIPs", "zookeeper.nio.numSelectorThreads",
        "zookeeper.nio.numWorkerThreads", "zookeeper.commitProcessor.numWorkerThreads", "zookeeper.commitProcessor.maxReadBatchSize",
        "zookeeper.commitProcessor.maxCommitBatchSize", "znode.container.checkIntervalMs", "znode.container.maxPerMinute",
        "znode.container.maxNeverUsedIntervalMs", "zookeeper.messageTracker.BufferSize", "zookeeper.messageTracker.Enabled",
        "zookeeper.admin.forceHttps", "zookeeper.admin.portUnification", "zookeeper.admin.enableServer", "zookeeper.admin.serverAddress",
        "zookeeper.admin.serverPort", "zookeeper.admin.idleTimeout", "zookeeper.admin.commandURL", "metricsProvider.className",
        "metricsProvider.httpHost", "metricsProvider.httpPort", "metricsProvider.exportJvmInfo", "metricsProvider.numWorkerThreads",
        "metricsProvider.maxQueueSize", "metricsProvider.workerShutdownTimeoutMs", "zookeeper.datadir.autocreate", "zookeeper.db.autocreate",
        "peerType", "dynamicConfigFile", "sslQuorumReloadCertFiles", "portUnification", "quorum.auth.enableSasl",
        "quorum.auth.learnerRequireSasl", "quorum.auth.serverRequireSasl", "quorum.auth.kerberos.servicePrincipal",
        "quorum.auth.learner.saslLoginContext", "quorum.auth.server.saslLoginContext", "quorum.cnxn.threads.size", "oraclePath",
        "zookeeper.nio.sessionlessCnxnTimeout", "zookeeper.closeSessionTxn.enabled", "zookeeper.sasl.serverconfig",
        "java.security.auth.login.config");

    [Theory]
    [MemberData(nameof(AdminGuideSettings))]
    public void AdminGuideSetting_IsInTheCatalog(string name)
    {
        var entry = ConfigCatalog.IsZooCfgKey(name) ? ConfigCatalog.ForZooCfgKey(name).Key : ConfigCatalog.ForProperty(name);

        Assert.NotNull(entry);
        Assert.False(entry.Status != KeyStatus.Honoured && entry.Note.Length == 0, $"{name} is {entry.Status} without a reason");
    }

    [Fact]
    public void CatalogNames_AreUnique()
    {
        var names = ConfigCatalog.Groups.SelectMany(g => g.Keys.Select(k => (g.ZooCfgOnly, k.Name))).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void RefusedKey_StopsTheStart_NamingTheKeyAndWhy()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("secureClientPort=2281"));

        Assert.Contains("line 2: secureClientPort=2281 cannot be honoured", e.Message, StringComparison.Ordinal);
        Assert.Contains("TLS", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sslQuorum=false")]
    [InlineData("ssl.quorum.keyStore.location=/k.jks")]
    [InlineData("audit.enable=true")]
    [InlineData("authProvider.1=org.apache.zookeeper.server.auth.X509AuthenticationProvider")]
    [InlineData("metricsProvider.className=com.example.MyProvider")]
    [InlineData("leaderServes=no")]
    public void RefusedValue_StopsTheStart(string line)
    {
        if (line == "sslQuorum=false")
        {
            Assert.DoesNotContain(Parse(line).Notes, n => n.Text.Contains("sslQuorum", StringComparison.Ordinal));
            Assert.Throws<ConfigException>(() => Parse("sslQuorum=true"));
            return;
        }

        Assert.Throws<ConfigException>(() => Parse(line));
    }

    [Theory]
    [InlineData("audit.enable=no")]
    [InlineData("authProvider.1=org.apache.zookeeper.server.auth.SASLAuthenticationProvider")]
    [InlineData("metricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider")]
    [InlineData("leaderServes=yes")]
    public void HarmlessValue_IsTakenQuietly(string line)
    {
        Assert.Empty(Parse(line).Notes);
    }

    [Fact]
    public void QuorumOnlyFeature_IsRefusedOnAQuorumMemberOnly()
    {
        Assert.Empty(Parse("localSessionsEnabled=true").Notes);
        var e = QuorumZooCfg.Fails("1", QuorumZooCfg.Three, "localSessionsEnabled=true");

        Assert.Contains("localSessionsEnabled", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IgnoredKey_IsOneWarnLineWithTheReason()
    {
        var notes = Parse("flushDelay=10").Notes;

        var note = Assert.Single(notes);
        Assert.Equal(LogLevel.Warning, note.Level);
        Assert.StartsWith("line 2: flushDelay is ignored: ", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_IsWarned()
    {
        var note = Assert.Single(Parse("tickTim=2000").Notes);

        Assert.Equal(LogLevel.Warning, note.Level);
        Assert.Contains("tickTim is not a ZooKeeper 3.8 setting", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SystemProperties_AreHeldAgainstTheCatalogToo()
    {
        var properties = new Dictionary<string, string>
        {
            ["zookeeper.snapCount"] = "100",
            ["java.security.auth.login.config"] = "/jaas.conf",
            ["zookeeper.flushDelay"] = "5",
            ["tickTime"] = "100",
            ["my.own.flag"] = "1",
        };

        var notes = ZooCfg.Parse(["dataDir=/d"], "/base", properties).Notes.Select(n => n.Text).ToList();

        Assert.Equal(3, notes.Count);
        Assert.Contains(notes, n => n.StartsWith("-Dzookeeper.flushDelay is ignored: ", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("-DtickTime: tickTime is a zoo.cfg key", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("-Dmy.own.flag is not a ZooKeeper 3.8 setting", StringComparison.Ordinal));
        Assert.Throws<ConfigException>(() => ZooCfg.Parse(["dataDir=/d"], "/base", new Dictionary<string, string> { ["zookeeper.ssl.keyStore.location"] = "/k" }));
    }

    [Fact]
    public void SessionlessConnectionTimeout_IsTheProperty()
    {
        Assert.Equal(2500, Parse("nio.sessionlessCnxnTimeout=2500").Config.Server.SessionlessConnectionTimeoutMs);
        Assert.Equal(10_000, Parse().Config.Server.SessionlessConnectionTimeoutMs);
    }

    private static (HostConfig Config, List<ConfigNote> Notes) Parse(params string[] lines) => ZooCfg.Parse(["dataDir=/d", .. lines], "/base");
}
