using Microsoft.Extensions.Logging;
using ZkCompat.Server.Host.Config;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Tests;

/// <summary>
/// The client-port keys of zoo.cfg: clientPortListenBacklog (QuorumPeerConfig's own key) and
/// maxCnxns, clientTcpKeepAlive and connection_throttle_* (zookeeper.* properties, §9.1), read
/// with Java 3.8.0's defaults and its handling of bad values.
/// </summary>
public class ZooCfgConnectionKeysTests
{
    [Fact]
    public void Defaults_AreJavas()
    {
        var options = Parse();

        Assert.Equal(0, options.MaxConnections);
        Assert.Equal(-1, options.ClientPortListenBacklog);
        Assert.Equal(50, options.ListenBacklog);
        Assert.False(options.ClientTcpKeepAlive);
        Assert.Equal(ConnectionThrottleOptions.Disabled, options.ConnectionThrottle);
    }

    [Theory]
    [InlineData("7", 7, 7)]
    [InlineData("0", 0, 50)]
    [InlineData("-5", -5, 50)]
    [InlineData("100000", 100000, 100000)]
    public void ListenBacklog_BelowOne_IsJavasFifty(string value, int configured, int backlog)
    {
        var options = Parse($"clientPortListenBacklog={value}");

        Assert.Equal((configured, backlog), (options.ClientPortListenBacklog, options.ListenBacklog));
        Assert.Null(options.Property("zookeeper.clientPortListenBacklog"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0x10")]
    [InlineData("")]
    public void ListenBacklog_NotAnInteger_StopsTheStart(string value)
    {
        var error = Assert.Throws<ConfigException>(() => Parse($"clientPortListenBacklog={value}"));

        Assert.Equal($"line 2: clientPortListenBacklog must be an integer, not '{value}'", error.Message);
    }

    [Theory]
    [InlineData("maxCnxns=5", null, 5)]
    [InlineData("maxCnxns=0x10", null, 16)]
    [InlineData("maxCnxns=010", null, 8)]
    [InlineData("maxCnxns=-3", null, 0)]
    [InlineData("maxCnxns=lots", null, 0)]
    [InlineData(null, "4", 4)]
    [InlineData("maxCnxns=2", "4", 2)]
    public void MaxCnxns_IsReadAsJavasIntegerGetInteger(string? line, string? systemProperty, int expected)
    {
        var properties = systemProperty is null ? null : new Dictionary<string, string> { ["zookeeper.maxCnxns"] = systemProperty };
        var (config, notes) = ZooCfg.Parse(line is null ? ["dataDir=/d"] : ["dataDir=/d", line], "/", properties);

        Assert.Equal(expected, config.Server.MaxConnections);
        Assert.Equal(line is "maxCnxns=-3" or "maxCnxns=lots", notes.Exists(n => n.Level == LogLevel.Warning && n.Text.Contains("maxCnxns", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", false)]
    [InlineData("false", false)]
    public void ClientTcpKeepAlive_IsTrueOnlyForTrue(string value, bool expected)
    {
        Assert.Equal(expected, Parse($"clientTcpKeepAlive={value}").ClientTcpKeepAlive);
    }

    [Fact]
    public void Throttle_EveryKeyIsRead()
    {
        var throttle = Parse(
            "connection_throttle_tokens=100",
            "connection_throttle_fill_time=50",
            "connection_throttle_fill_count=4",
            "connection_throttle_freeze_time=200",
            "connection_throttle_drop_increase=0.5",
            "connection_throttle_drop_decrease=1e-3",
            "connection_throttle_decrease_ratio=.25f").ConnectionThrottle;

        Assert.Equal(
            new ConnectionThrottleOptions { MaxTokens = 100, FillTimeMs = 50, FillCount = 4, FreezeTimeMs = 200, DropIncrease = 0.5, DropDecrease = 0.001, DecreaseRatio = 0.25 },
            throttle);
    }

    [Fact]
    public void Throttle_WithWeights_CountsTokensAndFillInGlobalSessions()
    {
        var throttle = Parse(
            "connection_throttle_tokens=10",
            "connection_throttle_fill_count=2",
            "connection_throttle_weight_enabled=true",
            "connection_throttle_global_session_weight=4").ConnectionThrottle;

        Assert.Equal((40, 8, 4, 1, 2), (throttle.MaxTokens, throttle.FillCount, throttle.GlobalSessionWeight, throttle.LocalSessionWeight, throttle.RenewSessionWeight));
        Assert.Equal(4, throttle.TokensFor(newSession: true));
    }

    [Theory]
    [InlineData("global=0", 3, 1, 2)]
    [InlineData("global=1\nlocal=2", 2, 2, 2)]
    [InlineData("local=-1", 3, 1, 2)]
    [InlineData("renew=0", 3, 1, 2)]
    [InlineData("renew=1\nlocal=2", 3, 2, 2)]
    [InlineData("global=x", 3, 1, 2)]
    public void Throttle_BadWeights_AreReplacedAsJavaReplacesThem(string weights, int global, int local, int renew)
    {
        var lines = weights.Split('\n').Select(w => $"connection_throttle_{w.Split('=')[0]}_session_weight={w.Split('=')[1]}").ToArray();
        var (config, notes) = ZooCfg.Parse(["dataDir=/d", .. lines], "/");

        var throttle = config.Server.ConnectionThrottle;
        Assert.Equal((global, local, renew), (throttle.GlobalSessionWeight, throttle.LocalSessionWeight, throttle.RenewSessionWeight));
        Assert.Contains(notes, n => n.Level == LogLevel.Warning);
    }

    [Theory]
    [InlineData("connection_throttle_tokens=abc", 0)]
    [InlineData("connection_throttle_tokens= 5", 5)]
    [InlineData("connection_throttle_tokens=#10", 16)]
    public void Throttle_Integers_AreDecoded_AndUnreadableOnesAreTheDefault(string line, int tokens)
    {
        Assert.Equal(tokens, Parse(line).ConnectionThrottle.MaxTokens);
    }

    [Theory]
    [InlineData("abc", "must be a number, not 'abc'")]
    [InlineData("1,5", "must be a number, not '1,5'")]
    [InlineData("0x1p-2", "hexadecimal")]
    public void Throttle_UnreadableDouble_StopsTheStart(string value, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Parse($"connection_throttle_drop_increase={value}"));

        Assert.Contains("zookeeper.connection_throttle_drop_increase", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Throttle_UnreadableDouble_StopsTheStart_EvenWithTheThrottleOff()
    {
        Assert.Throws<ConfigException>(() => Parse("connection_throttle_decrease_ratio=half"));
    }

    [Theory]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("NaN", double.NaN)]
    [InlineData("1.", 1.0)]
    [InlineData("+2.5E1d", 25.0)]
    [InlineData("1e400", double.PositiveInfinity)]
    public void Throttle_Doubles_TakeJavasForms(string value, double expected)
    {
        Assert.Equal(expected, Parse($"connection_throttle_drop_decrease={value}").ConnectionThrottle.DropDecrease);
    }

    [Fact]
    public void Throttle_ZeroFillTime_WithTokens_StopsTheStart()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("connection_throttle_tokens=5", "connection_throttle_fill_time=0"));

        Assert.Contains("fill_time is 0", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Parse("connection_throttle_fill_time=0").ConnectionThrottle.MaxTokens);
    }

    [Fact]
    public void Throttle_SystemProperties_Count_AndZooCfgWins()
    {
        var properties = new Dictionary<string, string>
        {
            ["zookeeper.connection_throttle_tokens"] = "9",
            ["zookeeper.connection_throttle_fill_time"] = "30",
        };
        var (config, _) = ZooCfg.Parse(["dataDir=/d", "connection_throttle_tokens=3"], "/", properties);

        Assert.Equal((3, 30), (config.Server.ConnectionThrottle.MaxTokens, config.Server.ConnectionThrottle.FillTimeMs));
    }

    private static ServerOptions Parse(params string[] lines) => ZooCfg.Parse(["dataDir=/d", .. lines], "/").Config.Server;
}
