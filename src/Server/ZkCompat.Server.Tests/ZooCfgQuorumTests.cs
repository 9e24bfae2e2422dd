using System.Net;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Host.Config;
using static ZkCompat.Server.Tests.QuorumZooCfg;

namespace ZkCompat.Server.Tests;

/// <summary>
/// server.N lines, myid and the choice of mode, as Java 3.8.0's QuorumPeerConfig makes them
/// (PROTOCOL.md §9.2, §9.3). Each error message was seen from Java 3.8.0 on the same input.
/// </summary>
public class ZooCfgQuorumTests
{
    [Fact]
    public void ThreeServers_MakeAQuorumMember()
    {
        var (config, _) = Parse("2\n", Three);

        var quorum = Assert.IsType<Quorum.Config.QuorumConfig>(config.Quorum);
        Assert.Equal(2, quorum.MyId);
        Assert.Equal([1L, 2L, 3L], quorum.Members.Select(m => m.Sid).Order());
        Assert.Equal((500, 10, 5, 3), (quorum.TickTimeMs, quorum.InitLimit, quorum.SyncLimit, quorum.ElectionPortBindRetry));
        Assert.Equal(new Quorum.Config.QuorumMember(2, "127.0.0.1", 3002, 4002, false, "0.0.0.0", 2182), quorum.Me);
        Assert.Equal(2, config.Server.ServerId);
        Assert.Equal(2182, config.Server.ClientPort);
        Assert.Equal(IPAddress.Any, config.Server.ClientPortAddress);
        Assert.Equal(
            "server.1=127.0.0.1:3001:4001:participant;0.0.0.0:2181\nserver.2=127.0.0.1:3002:4002:participant;0.0.0.0:2182\n"
            + "server.3=127.0.0.1:3003:4003:participant;0.0.0.0:2183\nversion=0",
            quorum.ConfigText);
    }

    [Fact]
    public void LiveEnsembleConfig_GivesTheTextJavaServed()
    {
        // The zoo.cfg of a Java 3.8.0 ensemble whose /zookeeper/config (read with kazoo) is the expected text.
        var (config, _) = Parse(
            "18",
            "admin.enableServer=false", "4lw.commands.whitelist=*", "server.5=[::1]:2295:2395;[::1]:21905",
            "server.18=127.0.0.1:2218:2318:observer;21918", "server.33=[0:0::1]:2233:2333:participant;21933",
            "server.34=127.0.0.1:2234:2334:participant;21934");

        Assert.True(config.Quorum!.IAmObserver);
        Assert.Equal(
            "server.33=[0:0:0:0:0:0:0:1]:2233:2333:participant;0.0.0.0:21933\nserver.34=127.0.0.1:2234:2334:participant;0.0.0.0:21934\n"
            + "server.18=127.0.0.1:2218:2318:observer;0.0.0.0:21918\nserver.5=[0:0:0:0:0:0:0:1]:2295:2395:participant;[0:0:0:0:0:0:0:1]:21905\nversion=0",
            config.Quorum.ConfigText);
    }

    [Theory]
    [InlineData("server.1=127.0.0.1:3001:3001", "Client and election port must be different! Please update the configuration file on server.1")]
    [InlineData("server.1=127.0.0.1:3001", "127.0.0.1:3001 does not have the form server_config or server_config;client_config")]
    [InlineData("server.1=127.0.0.1:3001:4001:spectator", "Unrecognised peertype: spectator")]
    [InlineData("server.1=127.0.0.1:30a1:4001", "Address unresolved: 127.0.0.1:30a1")]
    [InlineData("server.1=127.0.0.1:3001:", "does not have the form")]
    [InlineData("server.1=127.0.0.1:70000:4001", "port out of range:70000")]
    [InlineData("server.1=127.0.0.1:3001:-1", "port out of range:-1")]
    [InlineData("server.1=::1:3001:4001", "does not have the form")]
    [InlineData("server.1=[::1:3001:4001", "starts with '[' but has no matching ']:'")]
    [InlineData("server.1=[::1]:", "doesn't have a port after colon")]
    [InlineData("server.1=127.0.0.1:3001:4001;a:b:c", "does not have the form")]
    [InlineData("server.1=127.0.0.1:3001:4001;x", "client port 'x' is not a number")]
    [InlineData("server.1=127.0.0.1:3001:4001;1;2", "does not have the form")]
    [InlineData("server.1=", "does not have the form")]
    [InlineData("server.1=127.0.0.1:3001:4001|127.0.0.2:3001:4001", "Multiple address feature is disabled, but multiple addresses were specified for sid 1")]
    [InlineData("server.x=127.0.0.1:3001:4001", "'x' is not a server id")]
    public void BadServerLine_IsJavasErrorWithKeyAndLine(string line, string message)
    {
        var e = Fails("2", "server.2=127.0.0.1:3002:4002", line);

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 6: server.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SameIdTwice_IsAnError() =>
        Assert.Contains("same server id 1", Fails("1", Three, "server.01=127.0.0.1:3005:4005").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("", "serverid null is not a number")]
    [InlineData(" 1\n", "serverid  1 is not a number")]
    [InlineData("one\n", "serverid one is not a number")]
    [InlineData("\n", "serverid  is not a number")]
    public void BadMyId_IsAnError_AsInJava(string myid, string message) =>
        Assert.Equal(message, Fails(myid, Three).Message);

    [Theory]
    [InlineData(null)]
    [InlineData("-1\n")]
    public void NoMyId_InQuorumMode_IsAnError(string? myid) =>
        Assert.StartsWith("myid file is missing", Fails(myid, Three).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("3", 3)]
    [InlineData("+1\n", 1)]
    [InlineData("2\r\nignored", 2)]
    public void MyId_IsTheFirstLine(string myid, long id) => Assert.Equal(id, Parse(myid, Three).Config.Quorum!.MyId);

    [Fact]
    public void MyIdNotAServer_FailsWithExitCodeOne_AsJavasStart()
    {
        var e = Fails("4", Three);

        Assert.Equal("My id 4 not in the peer list", e.Message);
        Assert.Equal(1, e.ExitCode);
    }

    [Fact]
    public void BadMyId_FailsEvenStandalone_AsInJava() =>
        Assert.Contains("is not a number", Fails("x").Message, StringComparison.Ordinal);

    [Fact]
    public void OneParticipant_RunsStandalone_WithJavasErrorLine()
    {
        var (config, notes) = Parse("1", "server.1=127.0.0.1:3001:4001;127.0.0.1:2997");

        Assert.Null(config.Quorum);
        Assert.Equal(1, config.Server.ServerId);
        Assert.Contains(new ConfigNote(LogLevel.Error, "Invalid configuration, only one server specified (ignoring)"), notes);
        // Java's standalone server still binds the client address of its own line.
        Assert.Equal((2997, IPAddress.Loopback), (config.Server.ClientPort, config.Server.ClientPortAddress));
    }

    [Theory]
    [InlineData("server.1=127.0.0.1:3001:4001\nserver.2=127.0.0.1:3002:4002:observer", "Observers w/o quorum is an invalid configuration")]
    [InlineData("server.2=127.0.0.1:3002:4002:observer", "Observers w/o participants is an invalid configuration")]
    [InlineData("standaloneEnabled=false", "standaloneEnabled = false then number of participants should be >0")]
    [InlineData("standaloneEnabled=false\nserver.2=127.0.0.1:3002:4002:observer", "standaloneEnabled = false then number of participants should be >0")]
    public void ImpossibleMembership_IsJavasError(string lines, string message) => Assert.Equal(message, Fails("1", lines).Message);

    [Fact]
    public void StandaloneDisabled_OneParticipant_IsAOneMemberQuorum()
    {
        var (config, _) = Parse("1", "standaloneEnabled=false", "server.1=127.0.0.1:3001:4001;2181", "server.7=127.0.0.1:3007:4007:observer");

        Assert.False(config.Quorum!.StandaloneEnabled);
        Assert.Equal([1L], config.Quorum.Voters);
        Assert.True(config.Quorum.IsQuorum([1]));
    }

    [Theory]
    [InlineData(2, LogLevel.Warning, "No server failure will be tolerated. You need at least 3 servers.")]
    [InlineData(4, LogLevel.Warning, "Non-optimal configuration, consider an odd number of servers.")]
    public void FewOrEvenVoters_AreWarned(int voters, LogLevel level, string text)
    {
        var lines = Enumerable.Range(1, voters).Select(i => $"server.{i}=127.0.0.1:{3000 + i}:{4000 + i}").ToArray();

        Assert.Contains(new ConfigNote(level, text), Parse("1", lines).Notes);
    }

    [Theory]
    [InlineData("syncLimit=0", "syncLimit is not set")]
    [InlineData("initLimit=0", "initLimit is not set")]
    public void QuorumMode_NeedsBothLimits(string line, string message) => Assert.Equal(message, Fails("1", Three, line).Message);

    [Fact]
    public void Standalone_NeedsNoLimitsAndNoMyId()
    {
        var (config, _) = ZooCfg.Parse(["dataDir=/d", "server.1=127.0.0.1:3001:4001"], "/", null, _ => null);

        Assert.Null(config.Quorum);
    }
}
