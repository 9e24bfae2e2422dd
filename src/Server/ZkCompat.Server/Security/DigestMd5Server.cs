using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ZkCompat.Server.Security;

/// <summary>
/// The server side of SASL DIGEST-MD5 (RFC 2831, qop=auth), as ZooKeeper runs it: realm and host
/// "zk-sasl-md5", service "zookeeper". First an empty token gets the challenge, then the client's
/// digest-response gets rspauth and the exchange is complete.
/// </summary>
internal sealed class DigestMd5Server(IReadOnlyDictionary<string, string> users, string? nonce = null, string realm = DigestMd5Server.Realm, string digestUri = DigestMd5Server.DigestUri)
{
    public const string Realm = "zk-sasl-md5";
    public const string DigestUri = "zookeeper/" + Realm;
    private readonly string _fixedNonce = nonce ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
    private string? _nonce;

    /// <summary>The authorization id once the exchange completed.</summary>
    public string? User { get; private set; }

    public bool Complete => User is not null;

    /// <summary>The next server token; throws <see cref="AuthenticationException"/> when the client fails.</summary>
    public byte[] Evaluate(byte[] token)
    {
        if (_nonce is null)
        {
            _nonce = _fixedNonce;
            return Encoding.UTF8.GetBytes($"realm=\"{realm}\",nonce=\"{_nonce}\",qop=\"auth\",charset=utf-8,algorithm=md5-sess");
        }

        if (Complete)
            throw new AuthenticationException("the exchange is already complete");
        var d = Directives.Parse(Encoding.UTF8.GetString(token));
        var username = d.GetValueOrDefault("username") ?? throw new AuthenticationException("no username");
        if (!users.TryGetValue(username, out var password))
            throw new AuthenticationException($"unknown user {username}");
        if (d.GetValueOrDefault("nonce") != _nonce || d.GetValueOrDefault("digest-uri") != digestUri || (d.GetValueOrDefault("qop") ?? "auth") != "auth")
            throw new AuthenticationException("digest response does not match this exchange");
        var a1 = A1(username, d.GetValueOrDefault("realm") ?? realm, password, d.GetValueOrDefault("cnonce") ?? "", d.GetValueOrDefault("authzid"));
        var expected = Response(a1, d, "AUTHENTICATE:" + digestUri);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(d.GetValueOrDefault("response") ?? "")))
            throw new AuthenticationException($"wrong password for {username}");
        User = d.GetValueOrDefault("authzid") ?? username;
        return Encoding.UTF8.GetBytes("rspauth=" + Response(a1, d, ":" + digestUri));
    }

#pragma warning disable CA5351 // MD5 is what DIGEST-MD5 is defined with; clients compute the same.
    private byte[] A1(string user, string realm, string password, string cnonce, string? authzid)
    {
        var keyHash = MD5.HashData(Encoding.UTF8.GetBytes($"{user}:{realm}:{password}"));
        var tail = Encoding.UTF8.GetBytes($":{_nonce}:{cnonce}" + (authzid is null ? "" : ":" + authzid));
        return MD5.HashData([.. keyHash, .. tail]);
    }

    private string Response(byte[] a1, Dictionary<string, string> d, string a2) =>
        Hex(MD5.HashData(Encoding.ASCII.GetBytes(
            $"{Hex(a1)}:{_nonce}:{d.GetValueOrDefault("nc")}:{d.GetValueOrDefault("cnonce")}:auth:{Hex(MD5.HashData(Encoding.ASCII.GetBytes(a2)))}")));
#pragma warning restore CA5351

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);
}
