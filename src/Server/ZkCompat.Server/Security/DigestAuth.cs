using System.Security.Cryptography;
using System.Text;

namespace ZkCompat.Server.Security;

/// <summary>The digest scheme: "user:password" becomes "user:base64(SHA1(user:password))" (§6.2).</summary>
internal static class DigestAuth
{
    public static string Generate(string userAndPassword)
    {
        // Without a ':' the whole text is the user name, as in Java.
        var colon = userAndPassword.IndexOf(':');
        if (colon < 0)
            colon = userAndPassword.Length;
#pragma warning disable CA5350 // SHA1 is what the digest scheme is defined as; ids must match Java's.
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(userAndPassword));
#pragma warning restore CA5350
        return userAndPassword[..colon] + ":" + Convert.ToBase64String(hash);
    }
}
