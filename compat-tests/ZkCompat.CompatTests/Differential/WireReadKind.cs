namespace ZkCompat.CompatTests.Differential;

internal enum WireReadKind
{
    /// <summary>A whole frame arrived.</summary>
    Frame,

    /// <summary>The peer closed (FIN or reset); any partial frame is in the bytes.</summary>
    Closed,

    /// <summary>Nothing complete arrived in time.</summary>
    TimedOut,

    /// <summary>The peer sent a negative or huge frame length.</summary>
    BadLength,
}
