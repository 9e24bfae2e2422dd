namespace ZkCompat.Server.Host.Config.Catalog;

/// <summary>What ZkCompat does with a ZooKeeper setting (docs/CONFIGURATION.md).</summary>
internal enum KeyStatus
{
    /// <summary>Implemented as Java applies it.</summary>
    Honoured,

    /// <summary>Asks for something ZkCompat cannot do: the start stops, unless the value asks for nothing.</summary>
    Refused,

    /// <summary>Accepted with one WARN line: JVM-only, or it has no effect here.</summary>
    Ignored,
}
