namespace ZkCompat.Server.Host.Config;

/// <summary>
/// The quorum keys of zoo.cfg, read and checked as Java's QuorumPeerConfig.parseProperties reads
/// them (PROTOCOL.md §9.2). Not supported, each a config error naming the key: hierarchical
/// quorums (any key starting with group or weight, as Java tells them), reconfigEnabled=true and
/// multiAddress.enabled=true in quorum mode (both change the wire).
/// </summary>
internal sealed class QuorumKeys
{
    /// <summary>0 = not set, as in Java (a quorum needs both).</summary>
    public int InitLimit { get; private set; }

    public int SyncLimit { get; private set; }

    public bool PeerTypeObserver { get; private set; }

    public bool StandaloneEnabled { get; private set; } = true;

    public bool ReconfigEnabled { get; private set; }

    public bool? MultiAddressEnabled { get; private set; }

    public bool QuorumListenOnAllIPs { get; private set; }

    public (string Path, int Line)? DynamicConfigFile { get; private set; }

    /// <summary>server.N entries of zoo.cfg; a later line for the same key replaces an earlier one.</summary>
    public Dictionary<string, (string Value, int Line)> Servers { get; } = new(StringComparer.Ordinal);

    /// <summary>Takes a quorum key; false when the key is not one.</summary>
    /// <param name="hasDynamicFile">zoo.cfg names a dynamicConfigFile anywhere (Java checks the whole file).</param>
    public bool Read(string key, string value, int line, bool hasDynamicFile)
    {
        switch (key)
        {
            case "initLimit":
                InitLimit = Int(key, value, line);
                return true;
            case "syncLimit":
                SyncLimit = Int(key, value, line);
                return true;
            case "electionAlg":
                if (Int(key, value, line) != 3)
                    throw new ConfigException($"line {line}: Invalid electionAlg value. Only 3 is supported.");
                return true;
            case "peerType":
                PeerTypeObserver = value.ToLowerInvariant() switch
                {
                    "observer" => true,
                    "participant" => false,
                    _ => throw new ConfigException($"line {line}: Unrecognised peertype: {value}"),
                };
                return true;
            case "standaloneEnabled":
                StandaloneEnabled = Bool(key, value, line);
                return true;
            case "reconfigEnabled":
                ReconfigEnabled = Bool(key, value, line);
                return true;
            case "multiAddress.enabled":
                MultiAddressEnabled = Bool(key, value, line);
                return true;
            case "quorumListenOnAllIPs":
                QuorumListenOnAllIPs = Bool(key, value, line);
                return true;
            case "dynamicConfigFile":
                DynamicConfigFile = (value, line);
                return true;
            default:
                return ReadMembership(key, value, line, hasDynamicFile);
        }
    }

    private bool ReadMembership(string key, string value, int line, bool hasDynamicFile)
    {
        var server = key.StartsWith("server.", StringComparison.Ordinal);
        var hierarchical = key.StartsWith("group", StringComparison.Ordinal) || key.StartsWith("weight", StringComparison.Ordinal);
        if (!server && !hierarchical)
            return false;
        if (hasDynamicFile)
            throw new ConfigException($"line {line}: parameter: {key} must be in a separate dynamic config file");
        if (hierarchical)
            throw Hierarchical(key, $"line {line}");
        Servers[key] = (value, line);
        return true;
    }

    public static ConfigException Hierarchical(string key, string where) =>
        new($"{where}: {key}: hierarchical quorums (group.*, weight.*) are not supported by ZkCompat; use majority quorums");

    private static int Int(string key, string value, int line) =>
        JavaSyntax.TryParseInt(value, out var n) ? n : throw new ConfigException($"line {line}: {key} must be an integer, not '{value}'");

    /// <summary>Java's QuorumPeerConfig.parseBoolean: true or false in any case, nothing else.</summary>
    public static bool Bool(string key, string value, int line) =>
        value.Equals("true", StringComparison.OrdinalIgnoreCase) || (value.Equals("false", StringComparison.OrdinalIgnoreCase)
            ? false
            : throw new ConfigException($"line {line}: Invalid option {value} for {key}. Choose 'true' or 'false.'"));
}
