using ZkCompat.Server.Ops;

namespace ZkCompat.Server.Tests.Ops;

/// <summary>Latency min/avg/max as srvr prints them: 0/0.0/0 until something was measured.</summary>
public class LatencyTrackerTests
{
    [Fact]
    public void Empty_ReportsZeros()
    {
        var latency = new LatencyTracker();

        Assert.Equal((0L, 0.0, 0L), (latency.Min, latency.Average, latency.Max));
    }

    [Fact]
    public void Add_TracksMinAverageMaxAndLast()
    {
        var latency = new LatencyTracker();
        latency.Add(4);
        latency.Add(1);
        latency.Add(7);

        Assert.Equal((1L, 4.0, 7L, 7L, 3L), (latency.Min, latency.Average, latency.Max, latency.Last, latency.Count));
    }

    [Fact]
    public void Reset_StartsAgain()
    {
        var latency = new LatencyTracker();
        latency.Add(9);

        latency.Reset();
        latency.Add(2);

        Assert.Equal((2L, 2.0, 2L), (latency.Min, latency.Average, latency.Max));
    }
}
