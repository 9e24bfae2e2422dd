namespace ZkCompat.Server.Host.Config.Catalog;

/// <summary>
/// One ZooKeeper 3.8 setting and what ZkCompat does with it. <see cref="Name"/> is how Java reads
/// it: a zoo.cfg key that QuorumPeerConfig reads itself (tickTime, server.N), or a system property
/// (zookeeper.snapCount, jute.maxbuffer), which zoo.cfg sets as the key without "zookeeper." (§9.1).
/// A name ending in '.' covers every name it begins (server., zookeeper.ssl.).
/// </summary>
internal sealed record ConfigKey(string Name, KeyStatus Status, string Note)
{
    /// <summary>
    /// For a refused key: whether a value (and whether this is a quorum member) asks for nothing
    /// ZkCompat lacks, such as sslQuorum=false; such a value is taken quietly.
    /// </summary>
    public Func<string, bool, bool>? Harmless { get; init; }

    /// <summary>The values <see cref="Harmless"/> takes, in words, for the documentation.</summary>
    public string? HarmlessText { get; init; }

    public bool IsPrefix => Name.EndsWith('.');

    public bool Matches(string name) => IsPrefix ? name.StartsWith(Name, StringComparison.Ordinal) : name == Name;

    public static ConfigKey Honoured(string name, string note = "") => new(name, KeyStatus.Honoured, note);

    public static ConfigKey Ignored(string name, string why) => new(name, KeyStatus.Ignored, why);

    public static ConfigKey Refused(string name, string why) => new(name, KeyStatus.Refused, why);

    /// <summary>Refused when <paramref name="asks"/> says the value turns on what ZkCompat lacks; taken quietly otherwise.</summary>
    public static ConfigKey RefusedWhen(string name, Func<string, bool> asks, string harmlessText, string why) =>
        new(name, KeyStatus.Refused, why) { Harmless = (value, _) => !asks(value.Trim()), HarmlessText = harmlessText };

    /// <summary>Refused when true: Java reads the value with Boolean.parseBoolean, so anything but "true" is off.</summary>
    public static ConfigKey RefusedIfTrue(string name, string why) =>
        RefusedWhen(name, v => v.Equals("true", StringComparison.OrdinalIgnoreCase), "false", why);

    /// <summary>Refused unless the value is <paramref name="harmless"/> (ignoring case): Java's default, or "off".</summary>
    public static ConfigKey RefusedUnless(string name, string harmless, string why) =>
        RefusedWhen(name, v => !v.Equals(harmless, StringComparison.OrdinalIgnoreCase), harmless, why);

    /// <summary>Refused on a quorum member when true; a standalone server has no use for it (as in Java).</summary>
    public static ConfigKey RefusedInQuorumIfTrue(string name, string why) =>
        new(name, KeyStatus.Refused, why)
        {
            Harmless = (value, quorum) => !quorum || !value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase),
            HarmlessText = "false, or any value on a standalone server",
        };
}
