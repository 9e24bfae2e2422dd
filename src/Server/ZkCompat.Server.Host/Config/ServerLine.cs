using ZkCompat.Quorum.Config;

namespace ZkCompat.Server.Host.Config;

/// <summary>
/// One <c>server.N=host:quorumPort:electionPort[:participant|:observer][;[clientHost:]clientPort]</c>
/// value, checked in the order Java's QuorumServer checks it and failing with its messages
/// (PROTOCOL.md §9.2). IPv6 hosts go in brackets. Lists joined with '|' (multiAddress) are refused.
/// </summary>
internal static class ServerLine
{
    private const string WrongFormat =
        " does not have the form server_config or server_config;client_config where server_config is the pipe"
        + " separated list of host:port:port or host:port:port:type and client_config is port or host:port";

    /// <param name="key">The key as written, e.g. server.1. Messages are Java's; the caller adds where.</param>
    /// <param name="multiAddressEnabled">The JVM property zookeeper.multiAddress.enabled, which is what Java's QuorumServer reads.</param>
    public static QuorumMember Parse(string key, string value, bool multiAddressEnabled)
    {
        var id = key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];
        if (!JavaSyntax.TryParseLong(id, out var sid))
            throw new ConfigException($"'{id}' is not a server id (a long)");
        var serverClient = JavaSyntax.Split(value, ';');
        if (serverClient.Length is 0 or > 2)
            throw new ConfigException(value + WrongFormat);
        var (clientHost, clientPort) = serverClient.Length == 2 ? ClientPart(value, serverClient[1]) : (null, (int?)null);

        var addresses = JavaSyntax.Split(serverClient[0], '|');
        if (addresses.Length > 1)
        {
            throw new ConfigException(multiAddressEnabled
                ? "several addresses joined with '|' (multiAddress.enabled) are not supported by ZkCompat"
                : $"Multiple address feature is disabled, but multiple addresses were specified for sid {sid}");
        }

        var parts = JavaSyntax.HostAndPort(addresses.Length == 0 ? "" : addresses[0]);
        if (parts.Length is < 3 or > 4)
            throw new ConfigException(value + WrongFormat);
        var quorumPort = Port(parts[0], parts[1]);
        var electionPort = Port(parts[0], parts[2]);
        if (quorumPort == electionPort)
            throw new ConfigException($"Client and election port must be different! Please update the configuration file on server.{sid}");
        var observer = parts.Length == 4 && IsObserver(parts[3]);
        return new QuorumMember(sid, JavaHost.HostString(parts[0]), quorumPort, electionPort, observer, clientHost, clientPort);
    }

    private static (string Host, int? Port) ClientPart(string value, string client)
    {
        var parts = JavaSyntax.HostAndPort(client);
        if (parts.Length > 2)
            throw new ConfigException(value + WrongFormat);
        var host = parts.Length == 2 ? parts[0] : "0.0.0.0";
        // Java says "Address unresolved: null:<port>" here: the server part is not read yet.
        if (parts.Length == 0 || !JavaSyntax.TryParseInt(parts[^1], out var port))
            throw new ConfigException($"Address unresolved: client port '{(parts.Length == 0 ? "" : parts[^1])}' is not a number");
        return (JavaHost.HostString(host), CheckPort(port));
    }

    private static int Port(string host, string text) =>
        JavaSyntax.TryParseInt(text, out var port) ? CheckPort(port) : throw new ConfigException($"Address unresolved: {host}:{text}");

    private static int CheckPort(int port) =>
        port is >= 0 and <= 65535 ? port : throw new ConfigException($"port out of range:{port}");

    private static bool IsObserver(string type) => type.Trim().ToLowerInvariant() switch
    {
        "observer" => true,
        "participant" => false,
        _ => throw new ConfigException($"Unrecognised peertype: {type}"),
    };
}
