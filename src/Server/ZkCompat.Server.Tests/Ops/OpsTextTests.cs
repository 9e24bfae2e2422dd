using System.Diagnostics.Metrics;
using ZkCompat.Server.Ops;

namespace ZkCompat.Server.Tests.Ops;

/// <summary>Java's number and date text, mntr lines and the Prometheus exposition format.</summary>
public class OpsTextTests
{
    [Theory]
    [InlineData(5.0, "5.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(2.2316, "2.2316")]
    [InlineData(-1.0, "-1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(0.00012345, "1.2345E-4")]
    [InlineData(9999999.5, "9999999.5")]
    [InlineData(12345678.0, "1.2345678E7")]
    [InlineData(-2.5E-5, "-2.5E-5")]
    [InlineData(1E20, "1.0E20")]
    public void JavaDouble_AlwaysHasADecimalPoint(double value, string text) => Assert.Equal(text, JavaText.Double(value));

    [Fact]
    public void JavaDate_IsDateToStringInUtc() =>
        Assert.Equal("Sun Nov 22 07:09:19 UTC 2026", JavaText.Date(new DateTimeOffset(2026, 11, 22, 7, 9, 19, TimeSpan.Zero)));

    [Fact]
    public void MntrText_IntegersAsIntegers_OtherNumbersAsJavaDoubles()
    {
        var text = MonitorValues.Text([("version", "3.8.0"), ("znode_count", 5L), ("avg_latency", 1.0)]);

        Assert.Equal("zk_version\t3.8.0\nzk_znode_count\t5\nzk_avg_latency\t1.0\n", text);
    }

    [Fact]
    public void Prometheus_GaugesOfOneMeter_WithHelpAndType()
    {
        using var meter = new Meter("test-" + Guid.NewGuid());
        using var other = new Meter("other-" + Guid.NewGuid());
        meter.CreateObservableGauge("znode_count", () => 7L, description: "znode_count");
        meter.CreateObservableGauge("avg_latency", () => 1.5);
        other.CreateObservableGauge("not_mine", () => 1L);

        var text = PrometheusText.Collect(meter);

        Assert.Equal(
            "# HELP avg_latency avg_latency\n# TYPE avg_latency gauge\navg_latency 1.5\n"
            + "# HELP znode_count znode_count\n# TYPE znode_count gauge\nznode_count 7.0\n",
            text);
    }

    [Theory]
    [InlineData("zk.znode-count", "zk_znode_count")]
    [InlineData("9lives", "_lives")]
    [InlineData("ok_name:1", "ok_name:1")]
    public void PrometheusName_ReplacesWhatTheFormatForbids(string name, string expected) => Assert.Equal(expected, PrometheusText.Name(name));

    [Fact]
    public void HttpTarget_SplitsPathAndDecodesQuery()
    {
        var (path, query) = HttpEndpoint.ParseTarget("/commands/set_trace_mask?traceMask=306&x=a%20b&flag");

        Assert.Equal("/commands/set_trace_mask", path);
        Assert.Equal("306", query["traceMask"]);
        Assert.Equal("a b", query["x"]);
        Assert.Equal("", query["flag"]);
    }
}
