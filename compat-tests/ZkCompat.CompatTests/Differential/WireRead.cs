namespace ZkCompat.CompatTests.Differential;

/// <summary>What one bounded frame read saw; <see cref="Bytes"/> is the payload, or the bytes left when the peer closed.</summary>
internal readonly record struct WireRead(WireReadKind Kind, byte[] Bytes);
