namespace ZkCompat.Server.Options;

/// <summary>
/// Java's connection throttle (BlueThrottle, the zookeeper.connection_throttle_* properties): a
/// token bucket that every ConnectRequest draws from, with BLUE's random drops on top. The values
/// are the ones Java ends up with: with weights on, the bucket and the refill are in global-session
/// units (tokens and fill count times the global weight), and bad weights are already replaced.
/// </summary>
public sealed record ConnectionThrottleOptions
{
    public static ConnectionThrottleOptions Disabled { get; } = new();

    /// <summary>The bucket size; 0 turns the throttle off, a negative size refuses every connect (as in Java).</summary>
    public int MaxTokens { get; init; }

    /// <summary>Every this many ms the bucket gains <see cref="FillCount"/> tokens.</summary>
    public int FillTimeMs { get; init; } = 1;

    public int FillCount { get; init; } = 1;

    /// <summary>How often BLUE may change the drop chance; -1 turns BLUE off.</summary>
    public int FreezeTimeMs { get; init; } = -1;

    /// <summary>Added to the drop chance when the bucket is found empty.</summary>
    public double DropIncrease { get; init; } = 0.02;

    /// <summary>Taken from the drop chance when the bucket is found at most <see cref="DecreaseRatio"/> used.</summary>
    public double DropDecrease { get; init; } = 0.002;

    public double DecreaseRatio { get; init; }

    /// <summary>zookeeper.connection_throttle_weight_enabled: a connect costs its session kind's weight, not 1 token.</summary>
    public bool WeightsEnabled { get; init; }

    public int GlobalSessionWeight { get; init; } = 3;

    public int LocalSessionWeight { get; init; } = 1;

    public int RenewSessionWeight { get; init; } = 2;

    /// <summary>The tokens one ConnectRequest costs. ZkCompat makes only global sessions, so a new one costs the global weight.</summary>
    public int TokensFor(bool newSession) => !WeightsEnabled ? 1 : newSession ? GlobalSessionWeight : RenewSessionWeight;
}
