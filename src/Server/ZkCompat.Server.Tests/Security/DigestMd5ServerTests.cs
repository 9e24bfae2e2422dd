using System.Text;
using ZkCompat.Server.Security;

namespace ZkCompat.Server.Tests.Security;

public class DigestMd5ServerTests
{
    private static readonly Dictionary<string, string> s_users = new() { ["chris"] = "secret" };

    [Fact]
    public void Rfc2831Example_IsAcceptedWithItsRspauth()
    {
        // The worked example of RFC 2831 §4 (IMAP): nonce, cnonce, response and rspauth from the RFC.
        var server = new DigestMd5Server(s_users, "OA6MG9tEQGm2hh", "elwood.innosoft.com", "imap/elwood.innosoft.com");
        var challenge = Encoding.UTF8.GetString(server.Evaluate([]));

        var final = server.Evaluate(Encoding.UTF8.GetBytes(
            "charset=utf-8,username=\"chris\",realm=\"elwood.innosoft.com\",nonce=\"OA6MG9tEQGm2hh\",nc=00000001," +
            "cnonce=\"OA6MHXh6VqTrRk\",digest-uri=\"imap/elwood.innosoft.com\",response=d388dad90d4bbd760a152321f2143af7,qop=auth"));

        Assert.Contains("nonce=\"OA6MG9tEQGm2hh\"", challenge);
        Assert.Equal("rspauth=ea40f60335c427b5527b84dbabcdfffd", Encoding.UTF8.GetString(final));
        Assert.Equal("chris", server.User);
    }

    [Fact]
    public void WrongResponse_FailsAuthentication()
    {
        var server = new DigestMd5Server(s_users, "OA6MG9tEQGm2hh", "elwood.innosoft.com", "imap/elwood.innosoft.com");
        server.Evaluate([]);

        Assert.Throws<AuthenticationException>(() => server.Evaluate(Encoding.UTF8.GetBytes(
            "username=\"chris\",realm=\"elwood.innosoft.com\",nonce=\"OA6MG9tEQGm2hh\",nc=00000001," +
            "cnonce=\"OA6MHXh6VqTrRk\",digest-uri=\"imap/elwood.innosoft.com\",response=00000000000000000000000000000000,qop=auth")));
        Assert.False(server.Complete);
    }

    [Fact]
    public void JaasServerSection_GivesItsUsers()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "/* c */ Client { x required user_no=\"n\"; };\nServer {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n  user_super=\"adminsecret\"\n  user_bob=\"bob secret\"; // end\n};\n");

        var users = JaasUsers.Read(path, "Server");
        File.Delete(path);

        Assert.Equal(new Dictionary<string, string> { ["super"] = "adminsecret", ["bob"] = "bob secret" }, users);
    }
}
