namespace ZkCompat.Server.Host.Config.Catalog;

/// <summary>
/// Every setting of ZooKeeper 3.8's administrator's guide (and the few more Java's server reads),
/// each honoured, refused or ignored with a reason; docs/CONFIGURATION.md is this table in words.
/// </summary>
internal static class ConfigCatalog
{
    public static IReadOnlyList<KeyGroup> Groups { get; } =
    [
        QuorumPeerKeys.Group,
        ServerProperties.Group,
        ClusterProperties.Group,
        SecurityProperties.Group,
        RuntimeProperties.Group,
    ];

    /// <summary>
    /// The entry for a zoo.cfg key: QuorumPeerConfig's own, or else the property Java makes of it,
    /// zookeeper.&lt;key&gt; (§9.1).
    /// </summary>
    public static (ConfigKey? Key, string Name) ForZooCfgKey(string key) =>
        Find(key, zooCfgOnly: true) is { } own ? (own, key) : (Find("zookeeper." + key, zooCfgOnly: false), "zookeeper." + key);

    /// <summary>The entry for a system property (-Dname=value); QuorumPeerConfig's keys are not properties.</summary>
    public static ConfigKey? ForProperty(string name) => Find(name, zooCfgOnly: false);

    /// <summary>True when the name is one of QuorumPeerConfig's zoo.cfg keys.</summary>
    public static bool IsZooCfgKey(string name) => Find(name, zooCfgOnly: true) is not null;

    /// <summary>An exact name first, else the longest prefix entry that covers it.</summary>
    private static ConfigKey? Find(string name, bool zooCfgOnly)
    {
        ConfigKey? prefix = null;
        foreach (var group in Groups)
        {
            if (group.ZooCfgOnly != zooCfgOnly)
                continue;
            foreach (var key in group.Keys)
            {
                if (!key.Matches(name))
                    continue;
                if (!key.IsPrefix)
                    return key;
                if (prefix is null || key.Name.Length > prefix.Name.Length)
                    prefix = key;
            }
        }

        return prefix;
    }
}
