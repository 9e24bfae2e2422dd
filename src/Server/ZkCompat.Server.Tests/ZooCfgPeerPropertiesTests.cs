using Microsoft.Extensions.Logging;
using ZkCompat.Server.Host.Config;
using static ZkCompat.Server.Tests.QuorumZooCfg;

namespace ZkCompat.Server.Tests;

/// <summary>
/// The zookeeper.* properties Java reads outside QuorumPeerConfig, from zoo.cfg keys or -D options:
/// commitLogCount and snapshotSizeFactor (ZKDatabase), cnxTimeout and tcpKeepAlive
/// (QuorumCnxManager), snapSizeLimitInKb (ZooKeeperServer), with Java's defaults and bad values.
/// </summary>
public class ZooCfgPeerPropertiesTests
{
    [Fact]
    public void Unset_GivesJavasDefaults()
    {
        var (config, _) = Parse("1", Three);

        var quorum = config.Quorum!;
        Assert.Equal((500, 0.33, 5000, false), (quorum.CommitLogCount, quorum.SnapshotSizeFactor, quorum.ElectionConnectTimeoutMs, quorum.TcpKeepAlive));
        Assert.Equal(4_194_304L * 1024, config.Server.SnapSizeLimitBytes);
    }

    [Theory]
    [InlineData("commitLogCount=800", 800, null)]
    [InlineData("commitLogCount=+2147483647", int.MaxValue, null)]
    [InlineData("commitLogCount=10", 500, "The configured zookeeper.commitLogCount 10 is less than the recommended 500, going to use the recommended one")]
    [InlineData("commitLogCount=-1", 500, "The configured zookeeper.commitLogCount -1 is less than the recommended 500, going to use the recommended one")]
    [InlineData("commitLogCount=0x400", 500, "Error parsing zookeeper.commitLogCount '0x400' - use default value 500")]
    [InlineData("commitLogCount=2147483648", 500, "Error parsing zookeeper.commitLogCount '2147483648' - use default value 500")]
    public void CommitLogCount_HasAFloorOf500_AndFallsBackWhenUnreadable(string line, int count, string? note)
    {
        var (config, notes) = Parse("1", Three, line);

        Assert.Equal(count, config.Quorum!.CommitLogCount);
        if (note is not null)
            Assert.Contains(notes, n => n.Text == note && n.Level is LogLevel.Warning or LogLevel.Error);
    }

    [Theory]
    [InlineData("snapshotSizeFactor=0.5", 0.5, null)]
    [InlineData("snapshotSizeFactor=0", 0.0, null)]
    [InlineData("snapshotSizeFactor=-1", -1.0, null)]
    [InlineData("snapshotSizeFactor= 1e-1d ", 0.1, null)]
    [InlineData("snapshotSizeFactor=1", 1.0, null)]
    [InlineData("snapshotSizeFactor=1.5", 0.33, "The configured zookeeper.snapshotSizeFactor 1.5 is invalid, going to use the default 0.33")]
    [InlineData("snapshotSizeFactor=Infinity", 0.33, "The configured zookeeper.snapshotSizeFactor Infinity is invalid, going to use the default 0.33")]
    [InlineData("snapshotSizeFactor=half", 0.33, "Error parsing zookeeper.snapshotSizeFactor 'half', using default value 0.33")]
    [InlineData("snapshotSizeFactor=nan", 0.33, "Error parsing zookeeper.snapshotSizeFactor 'nan', using default value 0.33")]
    public void SnapshotSizeFactor_AboveOneOrUnreadable_IsTheDefault(string line, double factor, string? note)
    {
        var (config, notes) = Parse("1", Three, line);

        Assert.Equal(factor, config.Quorum!.SnapshotSizeFactor);
        if (note is not null)
            Assert.Contains(notes, n => n.Text == note);
    }

    [Fact]
    public void SnapshotSizeFactor_NaN_TurnsTheTxnLogSyncOff() =>
        Assert.True(double.IsNaN(Parse("1", Three, "snapshotSizeFactor=NaN").Config.Quorum!.SnapshotSizeFactor));

    [Fact]
    public void SnapshotSizeFactor_AsAHexFloat_IsRefused() =>
        Assert.Contains("hexadecimal floating-point", Fails("1", Three, "snapshotSizeFactor=0x1p-2").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("cnxTimeout=250", 250)]
    [InlineData("cnxTimeout=0", 0)]
    public void CnxTimeout_IsTheElectionConnectTimeout(string line, int timeoutMs) =>
        Assert.Equal(timeoutMs, Parse("1", Three, line).Config.Quorum!.ElectionConnectTimeoutMs);

    [Theory]
    [InlineData("cnxTimeout=5s", "zookeeper.cnxTimeout must be an integer (milliseconds), not '5s'")]
    [InlineData("cnxTimeout=-1", "zookeeper.cnxTimeout is -1: a negative connect timeout fails every election connection")]
    public void CnxTimeout_UnreadableOrNegative_StopsTheStart(string line, string message) =>
        Assert.StartsWith(message, Fails("1", Three, line).Message, StringComparison.Ordinal);

    [Fact]
    public void CnxTimeout_AsASystemProperty_IsReadToo() =>
        Assert.Equal(700, Parse("1", [], new Dictionary<string, string> { ["zookeeper.cnxTimeout"] = "700" }, Three).Config.Quorum!.ElectionConnectTimeoutMs);

    [Theory]
    [InlineData("tcpKeepAlive=true", true)]
    [InlineData("tcpKeepAlive=TRUE", true)]
    [InlineData("tcpKeepAlive=yes", false)]
    [InlineData("tcpKeepAlive=false", false)]
    public void TcpKeepAlive_IsBooleanGetBoolean(string line, bool keepAlive) =>
        Assert.Equal(keepAlive, Parse("1", Three, line).Config.Quorum!.TcpKeepAlive);

    [Theory]
    [InlineData("snapSizeLimitInKb=64", 64L * 1024)]
    [InlineData("snapSizeLimitInKb=0x40", 64L * 1024)]
    [InlineData("snapSizeLimitInKb=-1", -1024L)]
    [InlineData("snapSizeLimitInKb=lots", 4_194_304L * 1024)]
    public void SnapSizeLimitInKb_IsLongGetLongTimes1024(string line, long bytes) =>
        Assert.Equal(bytes, ZooCfg.Parse(["dataDir=/d", line], "/base").Config.Server.SnapSizeLimitBytes);

    [Fact]
    public void SnapSizeLimitInKb_NotPositive_TurnsTheSizeLimitOff_WithJavasNote() =>
        Assert.Contains(
            new ConfigNote(LogLevel.Information, "zookeeper.snapSizeLimitInKb set to a non-positive value -1; disabling feature"),
            ZooCfg.Parse(["dataDir=/d", "snapSizeLimitInKb=-1"], "/base").Notes);

    [Theory]
    [InlineData("snapSizeLimitInKb=0")]
    [InlineData("snapSizeLimitInKb=18014398509481984")]
    public void SnapSizeLimitInKb_OfZeroBytes_StopsTheStart(string line) =>
        Assert.Contains("stops Java 3.8.0's server at start", Assert.Throws<ConfigException>(() => ZooCfg.Parse(["dataDir=/d", line], "/base")).Message, StringComparison.Ordinal);
}
