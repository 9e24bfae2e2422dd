namespace ZkCompat.Server.Tree;

/// <summary>Reads the stored ephemeralOwner field (PROTOCOL.md §7.4).</summary>
internal static class EphemeralKind
{
    public const long ContainerOwner = long.MinValue;
    private const long TtlMask = unchecked((long)0xFF00000000000000UL);

    public static bool IsContainer(long owner) => owner == ContainerOwner;

    public static bool IsTtl(long owner) => owner != ContainerOwner && (owner & TtlMask) == TtlMask;

    public static bool IsSession(long owner) => owner != 0 && !IsContainer(owner) && !IsTtl(owner);

    public static long TtlOwner(long ttlMs) => TtlMask | ttlMs;

    public static long TtlOf(long owner) => owner & ~TtlMask;
}
