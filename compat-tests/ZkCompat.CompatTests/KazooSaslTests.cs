using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests;

/// <summary>kazoo's SASL DIGEST-MD5 login, with the JAAS Server section given as Java takes it (-Djava.security.auth.login.config).</summary>
public sealed class KazooSaslTests
{
    private const string Jaas = """
        Server {
               org.apache.zookeeper.server.auth.DigestLoginModule required
               user_super="adminsecret"
               user_bob="bobsecret";
        };
        """;

    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public async Task DigestMd5Login_GivesASaslIdentity(string server)
    {
        var jaas = Path.GetTempFileName();
        await File.WriteAllTextAsync(jaas, Jaas);
        try
        {
            var options = new ServerStartOptions
            {
                ExtraConfigLines = ["authProvider.1=org.apache.zookeeper.server.auth.SASLAuthenticationProvider"],
                SystemProperties = new Dictionary<string, string> { ["java.security.auth.login.config"] = jaas },
            };
            await using var zk = await ServerUnderTest.StartAsync(server, options);
            var run = await ClientRun.StartAsync("/usr/bin/python3", "kazoo_sasl.py", [zk.ConnectString], TimeSpan.FromMinutes(2));
            Assert.True(run.Passed, $"kazoo_sasl.py against '{server}': {run.Describe()}\n{run.Output}\n{zk.Describe(20_000)}");
        }
        finally
        {
            File.Delete(jaas);
        }
    }
}
