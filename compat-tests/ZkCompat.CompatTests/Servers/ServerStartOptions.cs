namespace ZkCompat.CompatTests.Servers;

/// <summary>How one server start differs from the default fresh, temporary one.</summary>
internal sealed record ServerStartOptions
{
    public static ServerStartOptions Default { get; } = new();

    /// <summary>
    /// An existing dataDir to start on (e.g. one another server wrote, or this one before a kill).
    /// It belongs to the caller and is not deleted with the server. Null: a fresh temporary one.
    /// </summary>
    public string? DataDir { get; init; }

    /// <summary>zoo.cfg lines after the shared ones and the launcher's own (a later key wins in both servers).</summary>
    public IReadOnlyList<string> ExtraConfigLines { get; init; } = [];

    /// <summary>JVM system properties (-Dkey=value), as SERVER_JVMFLAGS would carry them; ZkCompat takes the same options.</summary>
    public IReadOnlyDictionary<string, string> SystemProperties { get; init; } = new Dictionary<string, string>();
}
