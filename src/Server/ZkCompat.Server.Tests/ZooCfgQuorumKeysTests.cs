using System.Net;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Host.Config;
using static ZkCompat.Server.Tests.QuorumZooCfg;

namespace ZkCompat.Server.Tests;

/// <summary>The other quorum keys of zoo.cfg, the client port rule, and dynamicConfigFile (PROTOCOL.md §9.2, §9.3).</summary>
public class ZooCfgQuorumKeysTests
{
    [Theory]
    [InlineData("clientPort=2182", 2182, "0.0.0.0")]
    [InlineData("clientPort=2182\nclientPortAddress=0.0.0.0", 2182, "0.0.0.0")]
    [InlineData("clientPort=2999", null, "client address for this server (id = 2)")]
    [InlineData("clientPort=2182\nclientPortAddress=127.0.0.1", null, "is different from client address found in dynamic file")]
    public void ClientPortAndServerLine_MustAgree(string lines, int? port, string addressOrError)
    {
        if (port is null)
        {
            Assert.Contains(addressOrError, Fails("2", Three, lines).Message, StringComparison.Ordinal);
            return;
        }

        var options = Parse("2", Three, lines).Config.Server;
        Assert.Equal((port.Value, IPAddress.Parse(addressOrError)), (options.ClientPort, options.ClientPortAddress));
    }

    [Fact]
    public void WildcardClientPort_TakesTheServerLinesAddress()
    {
        var options = Parse("1", "clientPort=2997", "server.1=127.0.0.1:3001:4001;127.0.0.1:2997", "server.2=127.0.0.1:3002:4002").Config.Server;

        Assert.Equal(IPAddress.Loopback, options.ClientPortAddress);
    }

    [Fact]
    public void ClientPortOnly_IsUsed_AndNotWrittenIntoTheConfigText()
    {
        var (config, _) = Parse("1", "clientPort=2997", "server.1=127.0.0.1:3001:4001", "server.2=127.0.0.1:3002:4002");

        Assert.Equal(2997, config.Server.ClientPort);
        Assert.Null(config.Quorum!.Me.ClientPort);
        Assert.StartsWith("server.1=127.0.0.1:3001:4001:participant\nserver.2=", config.Quorum.ConfigText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("peerType=observer", "server.2=127.0.0.1:3002:4002", "Peer type from servers list (PARTICIPANT) doesn't match peerType (OBSERVER). Defaulting to servers list.", false)]
    [InlineData("peerType=PARTICIPANT", "server.2=127.0.0.1:3002:4002:observer", "Peer type from servers list (OBSERVER) doesn't match peerType (PARTICIPANT). Defaulting to servers list.", true)]
    public void PeerType_ServerLineWins_WithAWarning(string peerType, string me, string warning, bool observer)
    {
        var (config, notes) = Parse("2", peerType, "server.1=127.0.0.1:3001:4001", me, "server.3=127.0.0.1:3003:4003");

        Assert.Equal(observer, config.Quorum!.IAmObserver);
        Assert.Contains(new ConfigNote(LogLevel.Warning, warning), notes);
    }

    [Theory]
    [InlineData("peerType=spectator", "line 5: Unrecognised peertype: spectator")]
    [InlineData("electionAlg=1", "line 5: Invalid electionAlg value. Only 3 is supported.")]
    [InlineData("electionAlg=x", "line 5: electionAlg must be an integer, not 'x'")]
    [InlineData("initLimit=ten", "line 5: initLimit must be an integer, not 'ten'")]
    [InlineData("standaloneEnabled=yes", "line 5: Invalid option yes for standaloneEnabled. Choose 'true' or 'false.'")]
    [InlineData("quorumListenOnAllIPs=1", "line 5: Invalid option 1 for quorumListenOnAllIPs. Choose 'true' or 'false.'")]
    [InlineData("reconfigEnabled=no", "line 5: Invalid option no for reconfigEnabled. Choose 'true' or 'false.'")]
    [InlineData("group.1=1:2:3", "line 5: group.1: hierarchical quorums (group.*, weight.*) are not supported by ZkCompat; use majority quorums")]
    [InlineData("weight.1=2", "line 5: weight.1: hierarchical quorums (group.*, weight.*) are not supported by ZkCompat; use majority quorums")]
    [InlineData("reconfigEnabled=true", "reconfigEnabled=true is not supported by ZkCompat; dynamic reconfiguration stays disabled (set it to false)")]
    [InlineData("multiAddress.enabled=true", "multiAddress.enabled=true is not supported by ZkCompat")]
    public void BadOrUnsupportedKey_IsAClearError(string line, string message) => Assert.Equal(message, Fails("1", line, Three).Message);

    [Fact]
    public void SupportedValues_AreRead()
    {
        var (config, _) = Parse("1", "electionAlg=3", "reconfigEnabled=FALSE", "multiAddress.enabled=false", "quorumListenOnAllIPs=True", "peerType=participant", Three);

        Assert.True(config.Quorum!.QuorumListenOnAllIPs);
        Assert.True(config.Quorum.StandaloneEnabled);
    }

    [Fact]
    public void MultiAddressProperty_WithAList_IsUnsupported()
    {
        var properties = new Dictionary<string, string> { ["zookeeper.multiAddress.enabled"] = "true" };

        var e = Assert.Throws<ConfigException>(() => Parse("1", [], properties, "server.1=127.0.0.1:3001:4001|127.0.0.2:3001:4001", "server.2=127.0.0.1:3002:4002"));

        Assert.Contains("'|' (multiAddress.enabled) are not supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReconfigEnabled_InStandaloneMode_IsOnlyWarned()
    {
        var (config, notes) = Parse(null, "reconfigEnabled=true");

        Assert.Null(config.Quorum);
        Assert.Contains(notes, n => n.Level == LogLevel.Warning && n.Text.StartsWith("reconfigEnabled=true", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, 3)]
    [InlineData("electionPortBindRetry=0", null, 0)]
    [InlineData("electionPortBindRetry=10", null, 10)]
    [InlineData("electionPortBindRetry=-1", null, 3)]
    [InlineData("electionPortBindRetry=many", null, 3)]
    [InlineData("electionPortBindRetry=0x10", null, 16)]
    [InlineData(null, "7", 7)]
    [InlineData("electionPortBindRetry=5", "7", 5)]
    public void ElectionPortBindRetry_IsTheJvmProperty_DefaultThree(string? line, string? systemProperty, int retries)
    {
        var properties = systemProperty is null ? null : new Dictionary<string, string> { ["zookeeper.electionPortBindRetry"] = systemProperty };

        var (config, _) = Parse("1", [], properties, [Three, .. line is null ? Array.Empty<string>() : [line]]);

        Assert.Equal(retries, config.Quorum!.ElectionPortBindRetry);
    }

    [Fact]
    public void DynamicConfigFile_HoldsTheServers_AndItsNameTheVersion()
    {
        var files = new Dictionary<string, string>
        {
            ["/base/zoo.cfg.dynamic.1a0000000"] = "server.1=127.0.0.1:3001:4001;127.0.0.1:2996\nserver.7=127.0.0.1:3007:4007:observer;2995\n",
        };

        var (config, _) = Parse("1", files, null, "standaloneEnabled=false", "dynamicConfigFile=zoo.cfg.dynamic.1a0000000");

        // What Java 3.8.0 served in /zookeeper/config from this file.
        Assert.Equal(
            "server.1=127.0.0.1:3001:4001:participant;127.0.0.1:2996\nserver.7=127.0.0.1:3007:4007:observer;0.0.0.0:2995\nversion=1a0000000",
            config.Quorum!.ConfigText);
        Assert.Equal(0x1a0000000, config.Quorum.ConfigVersion);
        Assert.Equal(2996, config.Server.ClientPort);
    }

    [Theory]
    [InlineData("/base/dyn.cfg", "server.1=127.0.0.1:3001:4001\nversion=5", "dyn.cfg: dynamic file shouldn't have version inside")]
    [InlineData("/base/dyn.cfg", "server.1=127.0.0.1:3001:4001\ntickTime=5", "dyn.cfg line 2: Unrecognised parameter: tickTime")]
    [InlineData("/base/dyn.cfg", "group.1=1", "dyn.cfg line 1: group.1: hierarchical quorums")]
    [InlineData("/base/dyn.cfg", "server.1=127.0.0.1:3001", "dyn.cfg line 1: server.1=127.0.0.1:3001: 127.0.0.1:3001 does not have the form")]
    [InlineData("/base/other.cfg", "", "line 6: Error processing dyn.cfg: dynamicConfigFile /base/dyn.cfg is missing")]
    public void BadDynamicConfigFile_IsAnError(string path, string text, string message)
    {
        var files = new Dictionary<string, string> { [path] = text };

        var e = Assert.Throws<ConfigException>(() => Parse("1", files, null, "standaloneEnabled=false", "dynamicConfigFile=dyn.cfg"));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerLineBesideADynamicConfigFile_IsAnError() =>
        Assert.Equal("line 5: parameter: server.1 must be in a separate dynamic config file", Fails("1", "server.1=127.0.0.1:3001:4001", "dynamicConfigFile=dyn").Message);

    [Fact]
    public void DynamicFileNameWithoutHexSuffix_IsVersionZero()
    {
        var files = new Dictionary<string, string> { ["/base/zoo.dyn.cfg"] = "server.1=127.0.0.1:3001:4001" };

        Assert.Equal(0, Parse("1", files, null, "standaloneEnabled=false", "dynamicConfigFile=zoo.dyn.cfg").Config.Quorum!.ConfigVersion);
    }
}
