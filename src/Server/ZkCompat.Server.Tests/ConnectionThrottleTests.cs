using ZkCompat.Server.Net;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Tests;

/// <summary>The connection throttle as Java 3.8.0's BlueThrottle computes it: token bucket, refill, BLUE's drop chance.</summary>
public class ConnectionThrottleTests
{
    private const long Start = 1_000;

    [Fact]
    public void NoTokens_MeansNoThrottle()
    {
        var throttle = new ConnectionThrottle(ConnectionThrottleOptions.Disabled, Start);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(throttle.TryTake(3, Start)));
        Assert.Equal(0, throttle.Deficit);
    }

    [Fact]
    public void EmptyBucket_RefusesUntilMoreThanAFillTimeHasPassed()
    {
        var throttle = new ConnectionThrottle(new() { MaxTokens = 2, FillTimeMs = 100, FillCount = 1 }, Start);

        Assert.True(throttle.TryTake(1, Start));
        Assert.True(throttle.TryTake(1, Start));
        Assert.Equal(2, throttle.Deficit);
        Assert.False(throttle.TryTake(1, Start));
        // Java refills only once strictly more than the fill time has passed.
        Assert.False(throttle.TryTake(1, Start + 100));
        Assert.True(throttle.TryTake(1, Start + 101));
        Assert.False(throttle.TryTake(1, Start + 101));
    }

    [Fact]
    public void Refill_IsWholeFillsOfElapsedTime_AndStopsAtTheBucketSize()
    {
        var throttle = new ConnectionThrottle(new() { MaxTokens = 10, FillTimeMs = 100, FillCount = 3 }, Start);
        for (var i = 0; i < 10; i++)
            Assert.True(throttle.TryTake(1, Start));

        // 250 ms: 250 * 3 / 100 = 7 tokens (integer division).
        Assert.True(throttle.TryTake(7, Start + 250));
        Assert.False(throttle.TryTake(1, Start + 250));
        Assert.True(throttle.TryTake(10, Start + 100_000));
        Assert.Equal(10, throttle.Deficit);
    }

    [Fact]
    public void ConnectNeedingMoreThanIsLeft_TakesNothing()
    {
        var throttle = new ConnectionThrottle(new() { MaxTokens = 5, FillTimeMs = 1000 }, Start);

        Assert.True(throttle.TryTake(3, Start));
        Assert.False(throttle.TryTake(3, Start));
        Assert.True(throttle.TryTake(2, Start));
    }

    [Fact]
    public void NegativeBucket_RefusesEveryConnect_AsInJava()
    {
        var throttle = new ConnectionThrottle(new() { MaxTokens = -1, FillTimeMs = 1 }, Start);

        Assert.False(throttle.TryTake(1, Start));
        Assert.False(throttle.TryTake(1, Start + 10_000));
    }

    [Theory]
    [InlineData(false, true, 1)]
    [InlineData(false, false, 1)]
    [InlineData(true, true, 3)]
    [InlineData(true, false, 2)]
    public void TokensPerConnect_FollowTheWeights(bool weighted, bool newSession, int tokens)
    {
        Assert.Equal(tokens, new ConnectionThrottleOptions { WeightsEnabled = weighted }.TokensFor(newSession));
    }

    [Fact]
    public void Blue_RaisesTheDropChanceWhileTheBucketIsEmpty_AndLowersItWhenItRefills()
    {
        var options = new ConnectionThrottleOptions { MaxTokens = 1, FillTimeMs = 1000, FreezeTimeMs = 10, DropIncrease = 0.25, DropDecrease = 0.125 };
        // The draw never falls below a chance under 1, so only a chance of 1 drops.
        var throttle = new ConnectionThrottle(options, Start, () => 0.99);

        Assert.True(throttle.TryTake(1, Start + 11));
        Assert.Equal(0, throttle.DropChance);
        Assert.False(throttle.TryTake(1, Start + 22));
        Assert.Equal(0.25, throttle.DropChance);
        // Within the freeze time the chance stays.
        Assert.False(throttle.TryTake(1, Start + 30));
        Assert.Equal(0.25, throttle.DropChance);
        Assert.False(throttle.TryTake(1, Start + 33));
        Assert.Equal(0.5, throttle.DropChance);
        // Refilled (a full bucket is at most the decrease ratio 0 used): the chance falls.
        Assert.True(throttle.TryTake(1, Start + 2000));
        Assert.Equal(0.375, throttle.DropChance);
    }

    [Fact]
    public void Blue_DropsAConnectThatLosesTheDraw_EvenWithTokensLeft()
    {
        var options = new ConnectionThrottleOptions { MaxTokens = 2, FillTimeMs = 1000, FreezeTimeMs = 0, DropIncrease = 0.5 };
        var draw = 0.9;
        var throttle = new ConnectionThrottle(options, Start, () => draw);
        Assert.True(throttle.TryTake(2, Start + 1));
        Assert.False(throttle.TryTake(1, Start + 2));
        Assert.Equal(0.5, throttle.DropChance);

        Assert.True(throttle.TryTake(1, Start + 3000));
        draw = 0.1;
        Assert.False(throttle.TryTake(1, Start + 3000));
        Assert.Equal(1, throttle.Deficit);
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(-0.5, 0)]
    [InlineData(2.5, 3)]
    [InlineData(-2.5, -2)]
    [InlineData(0.49999999999999994, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(double.PositiveInfinity, long.MaxValue)]
    [InlineData(double.NegativeInfinity, long.MinValue)]
    [InlineData(1e300, long.MaxValue)]
    public void JavaRound_IsMathRound(double value, long expected)
    {
        Assert.Equal(expected, ConnectionThrottle.JavaRound(value));
    }
}
