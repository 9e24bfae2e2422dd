namespace ZkCompat.Server.Tests.Support;

/// <summary>A clock that moves only when a test moves it.</summary>
internal sealed class ManualTime : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private long _ticks = 1_000_000;

    public override DateTimeOffset GetUtcNow() => _now;

    public override long GetTimestamp() => _ticks;

    public override long TimestampFrequency => 1000;

    public void Advance(TimeSpan by)
    {
        _now += by;
        _ticks += (long)by.TotalMilliseconds;
    }
}
