namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>What a scripted test does with one delivery.</summary>
internal enum DeliveryVerdict
{
    Deliver,
    Drop,

    /// <summary>The receiver dies before reading it.</summary>
    CrashBefore,

    /// <summary>The receiver handles it, then dies before the driver's Sync.</summary>
    CrashAfter,
}
