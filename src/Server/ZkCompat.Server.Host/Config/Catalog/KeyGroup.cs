namespace ZkCompat.Server.Host.Config.Catalog;

/// <summary>
/// Settings as the administrator's guide groups them. <see cref="ZooCfgOnly"/>: keys Java's
/// QuorumPeerConfig reads from zoo.cfg itself, not system properties.
/// </summary>
internal sealed record KeyGroup(string Title, bool ZooCfgOnly, IReadOnlyList<ConfigKey> Keys);
