using static ZkCompat.Server.Host.Config.Catalog.ConfigKey;

namespace ZkCompat.Server.Host.Config.Catalog;

/// <summary>
/// The administrator's guide's "Encryption, Authentication, Authorization Options". A security
/// setting ZkCompat cannot honour always refuses the start: asking for TLS and getting plaintext is a breach.
/// </summary>
internal static class SecurityProperties
{
    public static KeyGroup Group { get; } = new("Security", ZooCfgOnly: false,
    [
        RefusedUnless("zookeeper.DigestAuthenticationProvider.enabled", "true", "digest authentication cannot be turned off yet"),
        Honoured("zookeeper.DigestAuthenticationProvider.superDigest"),
        RefusedWhen("zookeeper.DigestAuthenticationProvider.digestAlg", v => !v.Equals("SHA1", StringComparison.OrdinalIgnoreCase), "SHA1", "digests other than SHA1 are not supported yet"),
        Ignored("zookeeper.X509AuthenticationProvider.superUser", "only used with x509 authentication, which needs TLS (issue 17)"),
        Honoured("zookeeper.superUser"),
        Refused("zookeeper.ssl.authProvider", "TLS is not supported yet (issue 17)"),
        Ignored("zookeeper.ensembleAuthName", "only used with Java's EnsembleAuthenticationProvider, which cannot be loaded"),
        RefusedIfTrue("zookeeper.sessionRequireClientSASLAuth", "enforcing client SASL is not supported yet (issue 18)"),
        RefusedIfTrue("zookeeper.enforce.auth.enabled", "enforcing client authentication is not supported yet (issue 18)"),
        Ignored("zookeeper.enforce.auth.schemes", "only used with enforce.auth.enabled, which is refused"),
        RefusedIfTrue("zookeeper.allowSaslFailedClients", "a client whose SASL failed is always closed"),
        RefusedIfTrue("zookeeper.sslQuorum", "quorum TLS is not supported yet (issue 17)"),
        Refused("zookeeper.ssl.", "TLS is not supported yet (issue 17); no TLS setting is taken, so none is silently plaintext"),
        RefusedIfTrue("zookeeper.client.portUnification", "TLS is not supported yet (issue 17)"),
        RefusedWhen(
            "zookeeper.authProvider.",
            v => !v.EndsWith(".SASLAuthenticationProvider", StringComparison.Ordinal)
                && !v.EndsWith(".DigestAuthenticationProvider", StringComparison.Ordinal)
                && !v.EndsWith(".IPAuthenticationProvider", StringComparison.Ordinal),
            "Java's SASL, digest or IP provider",
            "ZkCompat cannot load this authentication provider (x509 needs TLS, issue 17)"),
        Ignored("zookeeper.kerberos.removeHostFromPrincipal", "only used with Kerberos, which is not supported yet (issue 18)"),
        Ignored("zookeeper.kerberos.removeRealmFromPrincipal", "only used with Kerberos, which is not supported yet (issue 18)"),
        Ignored("zookeeper.kerberos.canonicalizeHostNames", "only used with Kerberos, which is not supported yet (issue 18)"),
        Honoured("zookeeper.sasl.serverconfig"),
        Honoured("java.security.auth.login.config", "the JAAS file's Server section, DigestLoginModule users (DIGEST-MD5)"),
        Ignored("java.security.krb5.conf", "only used with Kerberos, which is not supported yet (issue 18)"),
        Ignored("zookeeper.SASLAuthenticationProvider.superPassword", "not read by Java 3.8's server either"),
        Ignored("zookeeper.letAnySaslUserDoX", "a test switch of Java's"),
        Ignored("zookeeper.security.auth_to_local", "only used with Kerberos, which is not supported yet (issue 18)"),
        Ignored("zookeeper.requireKerberosConfig", "a client-side setting"),
        Ignored("zookeeper.kinit", "a client-side setting"),
        Ignored("zookeeper.server.principal", "a client-side setting"),
        Ignored("zookeeper.server.realm", "a client-side setting"),
        Ignored("zookeeper.sasl.client", "a client-side setting"),
        Ignored("zookeeper.sasl.clientconfig", "a client-side setting"),
        Ignored("zookeeper.sasl.client.username", "a client-side setting"),
        Ignored("zookeeper.sasl.client.canonicalize.hostname", "a client-side setting"),
        Ignored("zookeeper.client.secure", "a client-side setting"),
        Ignored("zookeeper.clientCnxnSocket", "a client-side setting"),
        Ignored("zookeeper.disableAutoWatchReset", "a client-side setting"),
        Ignored("zookeeper.request.timeout", "a client-side setting"),
    ]);
}
