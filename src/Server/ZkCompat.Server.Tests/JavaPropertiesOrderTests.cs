using ZkCompat.Server.Host.Config;

namespace ZkCompat.Server.Tests;

/// <summary>
/// The walk order of a Java 17 Properties loaded from a file. Every expected order here was
/// printed by Java 17 (Debian's OpenJDK 17.0.15) loading the keys, in that order, from a file and
/// walking entrySet().
/// </summary>
public class JavaPropertiesOrderTests
{
    [Theory]
    // The zoo.cfg of the live ensemble whose /zookeeper/config listed 33, 34, 18, 5.
    [InlineData(
        "tickTime initLimit syncLimit dataDir admin.enableServer 4lw.commands.whitelist server.5 server.18 server.33 server.34",
        "server.33 admin.enableServer dataDir server.34 tickTime initLimit 4lw.commands.whitelist server.18 syncLimit server.5")]
    // 20 keys: one transfer to a table of 32.
    [InlineData(
        "tickTime initLimit syncLimit dataDir clientPort server.1 server.2 server.3 server.4 server.5 server.6 server.7 server.8 server.9 server.10 server.11 server.12 server.13 server.14 server.15",
        "dataDir syncLimit server.10 server.11 server.2 server.14 server.1 server.15 server.12 server.13 tickTime initLimit clientPort server.6 server.5 server.4 server.3 server.9 server.8 server.7")]
    // 40 keys: two transfers, to 64.
    [InlineData(
        "k0 k1 k2 k3 k4 k5 k6 k7 k8 k9 k10 k11 k12 k13 k14 k15 k16 k17 k18 k19 k20 k21 k22 k23 k24 server.166 server.78 server.203 server.25 server.38 server.275 server.49 server.188 server.299 server.30 server.260 server.110 server.20 server.45 server.223",
        "k11 server.38 k10 k13 k12 k15 k14 k17 server.223 k16 k19 server.203 server.30 k18 server.78 server.260 server.166 server.188 k0 k1 k2 k3 k20 k4 k5 k22 server.49 k6 k21 k7 k24 k8 k23 k9 server.20 server.25 server.45 server.275 server.110 server.299")]
    // Ten keys in one bin of 16: the ninth makes the table grow early (tryPresize), to 128.
    [InlineData(
        "server.0 server.12 server.23 server.34 server.45 server.56 server.67 server.78 server.89 server.108 tickTime dataDir",
        "dataDir server.56 server.12 server.45 server.89 server.34 server.78 server.108 server.0 server.23 server.67 tickTime")]
    public void Walk_MatchesJava17(string fileOrder, string javaOrder)
    {
        Assert.Equal(javaOrder, string.Join(' ', JavaPropertiesOrder.Walk(fileOrder.Split(' '))));
    }

    [Fact]
    public void RepeatedKey_KeepsItsFirstPlace()
    {
        Assert.Equal(JavaPropertiesOrder.Walk(["a", "b"]), JavaPropertiesOrder.Walk(["a", "b", "a"]));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("server.1", 1379102790)]
    [InlineData("dataDir", 1443169411)]
    public void JavaHashCode_IsStringHashCode(string text, int expected) => Assert.Equal(expected, JavaPropertiesOrder.JavaHashCode(text));
}
