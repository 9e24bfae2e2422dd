using static ZkCompat.Server.Host.Config.Catalog.ConfigKey;

namespace ZkCompat.Server.Host.Config.Catalog;

/// <summary>Performance tuning, debug observability, the AdminServer, and what the JVM and Java's scripts pass.</summary>
internal static class RuntimeProperties
{
    public static KeyGroup Group { get; } = new("Runtime, AdminServer and JVM", ZooCfgOnly: false,
    [
        Ignored("zookeeper.nio.numSelectorThreads", "Java's NIO threads; ZkCompat's transport is asynchronous"),
        Ignored("zookeeper.nio.numWorkerThreads", "Java's NIO threads"),
        Ignored("zookeeper.nio.directBufferBytes", "Java's NIO buffers"),
        Ignored("zookeeper.nio.shutdownTimeout", "Java's NIO threads"),
        Ignored("zookeeper.commitProcessor.numWorkerThreads", "Java's commit processor threads; ZkCompat applies on one loop"),
        Ignored("zookeeper.commitProcessor.maxReadBatchSize", "Java's commit processor"),
        Ignored("zookeeper.commitProcessor.maxCommitBatchSize", "Java's commit processor"),
        Ignored("zookeeper.commitProcessor.shutdownTimeout", "Java's commit processor"),
        Ignored("zookeeper.intBufferStartingSizeBytes", "Java's serialization buffers"),
        Ignored("zookeeper.messageTracker.BufferSize", "Java's quorum message tracker (debug)"),
        Ignored("zookeeper.messageTracker.Enabled", "Java's quorum message tracker (debug)"),
        Ignored("zookeeper.pathStats.", "Java's sampled per-path request statistics"),
        RefusedIfTrue("zookeeper.admin.forceHttps", "the AdminServer has no HTTPS yet (issue 17)"),
        RefusedIfTrue("zookeeper.admin.portUnification", "the AdminServer has no HTTPS yet (issue 17)"),
        Honoured("zookeeper.admin.enableServer"),
        Honoured("zookeeper.admin.serverAddress"),
        Honoured("zookeeper.admin.serverPort"),
        Ignored("zookeeper.admin.idleTimeout", "the AdminServer answers one request per connection and closes it"),
        Honoured("zookeeper.admin.commandURL"),
        Ignored("zookeeper.admin.httpVersion", "the AdminServer speaks HTTP/1.1"),
        Ignored("zookeeper.jmx.log4j.disable", "JVM-only: there is no JMX"),
        Ignored("zookeeper.jmx.log4j.mbean", "JVM-only: there is no JMX"),
        Ignored("zookeeper.log.dir", "logs go to stdout; bin/zkServer.sh start writes them to $ZOO_LOG_DIR"),
        Ignored("zookeeper.log.file", "logs go to stdout; bin/zkServer.sh start writes them to $ZOO_LOG_DIR"),
        Ignored("zookeeper.root.logger", "the log level comes from ZOO_LOG4J_PROP or --log-level"),
        Ignored("zookeeper.log.threshold", "the log level comes from ZOO_LOG4J_PROP or --log-level"),
        Ignored("zookeeper.tracelog.dir", "Java's trace log"),
        Ignored("zookeeper.tracelog.file", "Java's trace log"),
        Ignored("zookeeper.jmx.", "JVM-only: there is no JMX"),
        Ignored("log4j.", "logging is not log4j's: the level comes from ZOO_LOG4J_PROP or --log-level"),
        Ignored("logback.", "logging is not logback's: the level comes from ZOO_LOG4J_PROP or --log-level"),
        Ignored("com.sun.management.", "JVM-only: there is no JMX"),
        Ignored("java.", "JVM-only"),
        Ignored("javax.", "JVM-only"),
        Ignored("jdk.", "JVM-only"),
        Ignored("sun.", "JVM-only"),
    ]);
}
