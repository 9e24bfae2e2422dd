using ZkCompat.Server.Options;

namespace ZkCompat.Server.Net;

/// <summary>
/// Java 3.8.0's BlueThrottle, step for step: a token bucket refilled by elapsed time, and when a
/// freeze time is set, BLUE's drop chance, raised while the bucket is found empty and lowered
/// while it is found nearly full. A connect that finds too few tokens, or loses the draw, is
/// refused. Used on the apply loop only, so it needs no lock. The arithmetic wraps where Java's
/// int arithmetic wraps, so odd settings behave as they do in Java.
/// </summary>
internal sealed class ConnectionThrottle
{
    private readonly ConnectionThrottleOptions _options;
    private readonly Func<double> _random;
    private int _tokens;
    private long _lastFillMs;
    private long _lastFreezeMs;

    /// <param name="random">Java's Random.nextDouble: uniform in [0, 1).</param>
    public ConnectionThrottle(ConnectionThrottleOptions options, long nowMs, Func<double>? random = null)
    {
        _options = options;
        _random = random ?? Random.Shared.NextDouble;
        _tokens = options.MaxTokens;
        _lastFillMs = nowMs;
        _lastFreezeMs = nowMs;
    }

    /// <summary>BLUE's current chance of refusing a connect (the gauge connection_drop_probability).</summary>
    public double DropChance { get; private set; }

    /// <summary>Tokens missing from a full bucket (what the summary connection_token_deficit records).</summary>
    public int Deficit => unchecked(_options.MaxTokens - _tokens);

    /// <summary>Takes <paramref name="needed"/> tokens; false when the connect is to be refused.</summary>
    public bool TryTake(int needed, long nowMs)
    {
        var max = _options.MaxTokens;
        if (max == 0)
            return true;
        var sinceFill = nowMs - _lastFillMs;
        if (sinceFill > _options.FillTimeMs)
        {
            // FillTimeMs is not 0 here: the host refuses a start with tokens and a zero fill time.
            var refill = unchecked((int)(sinceFill * _options.FillCount / _options.FillTimeMs));
            _tokens = Math.Min(unchecked(_tokens + refill), max);
            _lastFillMs = nowMs;
        }

        if (_options.FreezeTimeMs != -1 && !PassesBlue(nowMs))
            return false;
        if (_tokens < needed)
            return false;
        _tokens = unchecked(_tokens - needed);
        return true;
    }

    private bool PassesBlue(long nowMs)
    {
        var used = Deficit;
        var max = _options.MaxTokens;
        var threshold = JavaRound(max * _options.DecreaseRatio);
        if (nowMs - _lastFreezeMs > _options.FreezeTimeMs)
        {
            // Math.Min/Max keep a NaN as Java's do, and a NaN chance never drops a connect.
            if (used == max && DropChance < 1)
                DropChance = Math.Min(DropChance + _options.DropIncrease, 1);
            else if (used <= threshold && DropChance > 0)
                DropChance = Math.Max(DropChance - _options.DropDecrease, 0);
            _lastFreezeMs = nowMs;
        }

        return !(_random() < DropChance);
    }

    /// <summary>Java's Math.round(double): the nearest long, halves up, NaN as 0, saturating.</summary>
    internal static long JavaRound(double value)
    {
        var floor = Math.Floor(value);
        // value - floor is exact for every double, so 0.49999999999999994 rounds down as in Java.
        var rounded = value - floor >= 0.5 ? floor + 1 : floor;
        return double.IsNaN(rounded) ? 0 : (long)rounded;
    }
}
