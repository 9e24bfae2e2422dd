using Microsoft.Extensions.Logging;
using ZkCompat.Server.Host;
using ZkCompat.Server.Host.Config;

namespace ZkCompat.Server.Tests.Ops;

/// <summary>The host's command line (--log-level, --version, -D) and the ops keys of zoo.cfg.</summary>
public class HostCommandLineTests
{
    [Theory]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("WARN", LogLevel.Warning)]
    [InlineData("Information", LogLevel.Information)]
    [InlineData("off", LogLevel.None)]
    public void LogLevel_AcceptsDotnetAndLog4jNames(string text, LogLevel level)
    {
        var command = CommandLine.Parse(["--log-level", text, "zoo.cfg"]);

        Assert.Null(command.Error);
        Assert.Equal(level, command.LogLevel);
        Assert.Equal("zoo.cfg", command.ConfigPath);
    }

    [Fact]
    public void LogLevel_Unknown_IsAnError() => Assert.NotNull(CommandLine.Parse(["--log-level=loud", "zoo.cfg"]).Error);

    [Fact]
    public void SystemProperties_AndVersion_AreSeparated()
    {
        var command = CommandLine.Parse(["-Dzookeeper.a=1", "--version"]);

        Assert.True(command.Version);
        Assert.Equal(["-Dzookeeper.a=1"], command.SystemProperties);
    }

    [Fact]
    public void NoConfig_IsAnError() => Assert.NotNull(CommandLine.Parse([]).Error);

    [Fact]
    public void ZooCfg_OpsKeys_ReachTheOptions()
    {
        var options = ZooCfg.Parse(
        [
            "dataDir=/d", "4lw.commands.whitelist=ruok, mntr", "admin.enableServer=false", "admin.serverPort=9090",
            "metricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider", "metricsProvider.httpPort=7001",
        ], "/").Config.Server;

        Assert.Equal("ruok, mntr", options.FourLetterWhitelist);
        Assert.False(options.AdminServerEnabled);
        Assert.Equal(9090, options.AdminServerPort);
        Assert.Equal("org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider", options.MetricsProviderClassName);
        Assert.Equal(7001, options.MetricsHttpPort);
    }

    [Fact]
    public void ZooCfg_OpsDefaults_AreJavas()
    {
        var options = ZooCfg.Parse(["dataDir=/d"], "/").Config.Server;

        Assert.True(options.AdminServerEnabled);
        Assert.Equal(8080, options.AdminServerPort);
        Assert.Equal("/commands", options.AdminCommandUrl);
        Assert.Null(options.MetricsProviderClassName);
        Assert.Equal(7000, options.MetricsHttpPort);
    }
}
