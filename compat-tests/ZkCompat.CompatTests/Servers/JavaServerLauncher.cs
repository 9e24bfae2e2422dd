using System.Diagnostics;

namespace ZkCompat.CompatTests.Servers;

/// <summary>
/// Runs Debian's Apache ZooKeeper 3.8 (package zookeeper) the way zkServer.sh start-foreground
/// does (QuorumPeerMain, which runs standalone without server.N lines), but with its own log
/// configuration: Debian's classpath has no slf4j binding, so the server would log nothing.
/// </summary>
internal sealed class JavaServerLauncher : IServerLauncher
{
    private const string JavaPath = "/usr/bin/java";
    private const string ZooKeeperJar = "/usr/share/java/zookeeper.jar";

    // The jar's manifest Class-Path brings jute, netty, jetty and slf4j-api; these add a log binding.
    private static readonly string[] LoggingJars = ["/usr/share/java/slf4j-log4j12.jar", "/usr/share/java/log4j-1.2.jar"];

    private const string Log4jProperties = """
        log4j.rootLogger=INFO, CONSOLE
        log4j.appender.CONSOLE=org.apache.log4j.ConsoleAppender
        log4j.appender.CONSOLE.layout=org.apache.log4j.PatternLayout
        log4j.appender.CONSOLE.layout.ConversionPattern=%d{ISO8601} %-5p [%t:%C{1}@%L] - %m%n
        """;

    public string Name => "java";

    // No Jetty admin server (it would take port 8080); no fsync, which only slows tests down.
    public IReadOnlyList<string> ExtraConfigLines { get; } = ["admin.enableServer=false", "forceSync=no"];

    public ProcessStartInfo CreateStartInfo(string workDir, string configPath)
    {
        if (!File.Exists(ZooKeeperJar) || !File.Exists(JavaPath))
        {
            throw new InvalidOperationException(
                $"{ZooKeeperJar} or {JavaPath} is missing: apt-get install zookeeper (Debian's ZooKeeper 3.8 and Java).");
        }

        var log4jPath = Path.Combine(workDir, "log4j.properties");
        File.WriteAllText(log4jPath, Log4jProperties);
        var classPath = string.Join(':', LoggingJars.Where(File.Exists).Prepend(ZooKeeperJar));

        var info = ServerCommand.Bounded(JavaPath);
        foreach (var arg in new[]
                 {
                     // A small heap and C1-only JIT start the JVM in about half a second.
                     "-Xms16m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                     "-Djava.awt.headless=true",
                     $"-Dlog4j.configuration=file:{log4jPath}",
                     $"-Dzookeeper.log.dir={workDir}",
                     "-cp", classPath,
                     "org.apache.zookeeper.server.quorum.QuorumPeerMain", configPath,
                 })
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}
