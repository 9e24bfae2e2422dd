using System.Net;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Host.Config;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Tests;

/// <summary>zoo.cfg parsing as Java's Properties + QuorumPeerConfig read it (PROTOCOL.md §9).</summary>
public class ZooCfgTests
{
    private const string BaseDir = "/base";

    [Fact]
    public void OnlyDataDir_GivesJavasDefaults()
    {
        var options = Parse("dataDir=/data");

        Assert.Equal(3000, options.TickTimeMs);
        Assert.Equal(60, options.MaxClientCnxns);
        Assert.Equal(6000, options.EffectiveMinSessionTimeoutMs);
        Assert.Equal(60000, options.EffectiveMaxSessionTimeoutMs);
        Assert.Equal(0, options.ClientPort);
        Assert.Equal(IPAddress.Any, options.ClientPortAddress);
        Assert.Equal("/data", options.DataDir);
        Assert.Equal("/data", options.DataLogDir);
        Assert.Empty(options.Properties);
    }

    [Fact]
    public void EveryKnownKey_IsRead()
    {
        var options = Parse(
            "tickTime=2000",
            "dataDir=/data",
            "dataLogDir=/logs",
            "clientPort=2181",
            "clientPortAddress=127.0.0.1",
            "minSessionTimeout=5000",
            "maxSessionTimeout=50000",
            "maxClientCnxns=0");

        Assert.Equal(2000, options.TickTimeMs);
        Assert.Equal("/logs", options.DataLogDir);
        Assert.Equal(2181, options.ClientPort);
        Assert.Equal(IPAddress.Loopback, options.ClientPortAddress);
        Assert.Equal(5000, options.EffectiveMinSessionTimeoutMs);
        Assert.Equal(50000, options.EffectiveMaxSessionTimeoutMs);
        Assert.Equal(0, options.MaxClientCnxns);
    }

    [Fact]
    public void SessionTimeoutDefaults_FollowTickTime()
    {
        var options = Parse("tickTime=1000", "dataDir=/data");

        Assert.Equal(2000, options.EffectiveMinSessionTimeoutMs);
        Assert.Equal(20000, options.EffectiveMaxSessionTimeoutMs);
    }

    [Theory]
    [InlineData("clientPort=2181")]
    [InlineData("clientPort:2181")]
    [InlineData("clientPort 2181")]
    [InlineData("  clientPort   =   2181  ")]
    [InlineData("clientPort\t2181")]
    [InlineData("clientPort : 2181")]
    public void KeyValueSeparators_AreJavaProperties(string line)
    {
        Assert.Equal(2181, Parse("dataDir=/data", line).ClientPort);
    }

    [Fact]
    public void CommentsAndBlankLines_AreSkipped()
    {
        var options = Parse("# tickTime=1", "! tickTime=2", "", "   ", "   # indented comment", "dataDir=/data");

        Assert.Equal(3000, options.TickTimeMs);
    }

    [Fact]
    public void BackslashContinuesTheLine_LeadingSpacesOfTheNextDropped()
    {
        var options = Parse("dataDir=/da\\", "    ta", "tickTime=20\\", "  00", "clientPort=1");

        Assert.Equal("/data", options.DataDir);
        Assert.Equal(2000, options.TickTimeMs);
        Assert.Equal(1, options.ClientPort);
    }

    [Fact]
    public void ContinuedLine_TakesACommentLineAsValue_AndReportsTheFirstLine()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("dataDir=/d", "tickTime=20\\", "# not a comment here"));

        Assert.Contains("tickTime", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvenBackslashes_DoNotContinue()
    {
        var options = Parse("dataDir=/data\\\\", "tickTime=1000");

        Assert.Equal(1000, options.TickTimeMs);
    }

    [Fact]
    public void RelativeDirectories_ResolveAgainstBaseDir()
    {
        var options = Parse("dataDir=data", "dataLogDir=../logs");

        Assert.Equal("/base/data", options.DataDir);
        Assert.Equal("/logs", options.DataLogDir);
    }

    [Theory]
    [InlineData("tickTime", "abc")]
    [InlineData("tickTime", "0")]
    [InlineData("clientPort", "65536")]
    [InlineData("clientPort", "x")]
    [InlineData("minSessionTimeout", "1.5")]
    [InlineData("maxSessionTimeout", "")]
    [InlineData("maxClientCnxns", "many")]
    public void BadValue_NamesTheKeyAndLine(string key, string value)
    {
        var e = Assert.Throws<ConfigException>(() => Parse("# header", "dataDir=/data", $"{key}={value}"));

        Assert.Contains(key, e.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDataDir_IsAnError()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("tickTime=2000"));

        Assert.Contains("dataDir", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MinTimeoutAboveMax_IsAnError()
    {
        Assert.Throws<ConfigException>(() => Parse("dataDir=/d", "minSessionTimeout=9000", "maxSessionTimeout=8000"));
        Assert.Throws<ConfigException>(() => Parse("dataDir=/d", "tickTime=1000", "minSessionTimeout=30000"));
    }

    [Fact]
    public void SnapshotCompression_IsTakenFromZooCfgOrProperty()
    {
        Assert.Equal(".gz", Extension(Parse("dataDir=/d", "snapshot.compression.method=gz")));
        Assert.Equal(".snappy", Extension(ZooCfg.Parse(["dataDir=/d"], BaseDir, new Dictionary<string, string> { ["zookeeper.snapshot.compression.method"] = "SNAPPY" }).Config.Server));
        Assert.Equal("", Extension(Parse("dataDir=/d")));

        static string Extension(ServerOptions options) => ZkCompat.Server.Persistence.SnapshotCodec.Extension(options.SnapshotCompression);
    }

    [Fact]
    public void UnknownSnapshotCompression_RefusesTheStart()
    {
        // Java would take "gzip" for no compression and write plain snapshots, silently.
        var e = Assert.Throws<ConfigException>(() => Parse("dataDir=/d", "snapshot.compression.method=gzip"));

        Assert.Contains("snapshot.compression.method", e.Message, StringComparison.Ordinal);
        Assert.Contains("gzip", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientPortAddressWithoutClientPort_IsAnError()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("dataDir=/d", "clientPortAddress=127.0.0.1"));

        Assert.Contains("clientPortAddress", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientPortAddressBeforeClientPort_IsAccepted()
    {
        var options = Parse("dataDir=/d", "clientPortAddress=127.0.0.1", "clientPort=2181");

        Assert.Equal(IPAddress.Loopback, options.ClientPortAddress);
    }

    [Fact]
    public void UnknownKeys_BecomeZookeeperProperties()
    {
        var options = Parse(
            "dataDir=/d",
            "extendedTypesEnabled=true",
            "4lw.commands.whitelist=ruok, srvr",
            "jute.maxbuffer=10",
            "DigestAuthenticationProvider.superDigest=super:abc=");

        Assert.True(options.ExtendedTypesEnabled);
        Assert.Equal("ruok, srvr", options.Property("zookeeper.4lw.commands.whitelist"));
        Assert.Equal("10", options.Property("zookeeper.jute.maxbuffer"));
        Assert.Equal("super:abc=", options.SuperDigest);
        Assert.Null(options.Property("jute.maxbuffer"));
        Assert.Equal(new ServerOptions().MaxFrameBytes, options.MaxFrameBytes);
    }

    [Fact]
    public void QuorumKeys_AreKeptUnprefixed_AndIgnoredOnesWarned()
    {
        var (config, notes) = ZooCfg.Parse(["dataDir=/d", "initLimit=5", "server.1=127.0.0.1:2888:3888", "syncEnabled=false"], BaseDir);

        Assert.Equal("5", config.Server.Property("initLimit"));
        Assert.Equal("127.0.0.1:2888:3888", config.Server.Property("server.1"));
        Assert.Null(config.Server.Property("zookeeper.initLimit"));
        Assert.Null(config.Quorum);
        Assert.Contains(notes, n => n.Level == LogLevel.Warning && n.Text.StartsWith("line 4: syncEnabled is ignored: ", StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.Text.Contains("initLimit", StringComparison.Ordinal));
    }

    [Fact]
    public void LaterLines_OverrideEarlierOnes()
    {
        Assert.Equal(1000, Parse("dataDir=/d", "tickTime=5000", "tickTime=1000").TickTimeMs);
    }

    [Fact]
    public void NegativeMaxClientCnxns_MeansUnlimited_AsInJava()
    {
        Assert.Equal(0, Parse("dataDir=/data", "maxClientCnxns=-1").MaxClientCnxns);
    }

    [Fact]
    public void Escapes_AreUnescapedAsJavaPropertiesDo()
    {
        var options = Parse(@"dataDir=/d\ata\u0041", @"my\:key=a\tb");

        Assert.Equal("/data" + "A", options.DataDir);
        Assert.Equal("a\tb", options.Properties["zookeeper.my:key"]);
    }

    private static ServerOptions Parse(params string[] lines) => ZooCfg.Parse(lines, BaseDir).Config.Server;
}
