using System.Text;
using System.Text.Json;

namespace ZkCompat.Bench;

/// <summary>The one JSON line a run prints (field names follow shared/tools/zkbench where they mean the same).</summary>
internal sealed record Report(BenchOptions Options, IReadOnlyList<OpKind> PrimaryOps, SessionStats Stats, double WindowSeconds, double? ServerCpuSeconds, double ClientCpuSeconds)
{
    public long Ops => Primary().Count;

    public double OpsPerSecond => WindowSeconds > 0 ? Ops / WindowSeconds : 0;

    /// <summary>The histogram of the headline ops (all primary kinds merged).</summary>
    public LatencyHistogram Primary()
    {
        var merged = new LatencyHistogram();
        foreach (var (op, histogram) in Stats.Histograms)
        {
            if (PrimaryOps.Contains(op))
                merged.Add(histogram);
        }

        return merged;
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("tool", "zkcompat-bench");
            json.WriteString("label", Options.Label);
            json.WriteString("connect", string.Join(',', Options.Servers));
            json.WriteString("workload", Options.Workload);
            json.WriteNumber("sessions", Options.Sessions);
            json.WriteNumber("outstanding", Options.Outstanding);
            json.WriteNumber("size", Options.Size);
            json.WriteNumber("keys", Options.Keys);
            json.WriteNumber("rate", Options.RatePerSecond);
            json.WriteNumber("warmup_s", Options.WarmupSeconds);
            json.WriteNumber("duration_s", Math.Round(WindowSeconds, 3));
            json.WriteNumber("ops", Ops);
            json.WriteNumber("ops_per_s", Math.Round(OpsPerSecond, 1));
            WriteLatency(json, Primary());
            json.WriteNumber("errors", Stats.Errors);
            json.WriteNumber("errors_total", Stats.ErrorsTotal);
            json.WriteStartObject("error_codes");
            foreach (var (code, count) in Stats.ErrorCodes.OrderBy(e => e.Key, StringComparer.Ordinal))
                json.WriteNumber(code, count);
            json.WriteEndObject();
            json.WriteNumber("client_cpu_s", Math.Round(ClientCpuSeconds, 2));
            if (ServerCpuSeconds is { } server)
            {
                json.WriteNumber("server_cpu_s", Math.Round(server, 2));
                json.WriteNumber("server_cpu_us_per_op", Ops > 0 ? Math.Round(server * 1e6 / Ops, 2) : 0);
            }

            json.WriteStartObject("by_op");
            foreach (var (op, histogram) in Stats.Histograms)
            {
                json.WriteStartObject(op.ToString().ToLowerInvariant());
                json.WriteNumber("ops", histogram.Count);
                json.WriteNumber("ops_per_s", WindowSeconds > 0 ? Math.Round(histogram.Count / WindowSeconds, 1) : 0);
                WriteLatency(json, histogram);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteLatency(Utf8JsonWriter json, LatencyHistogram histogram)
    {
        static double Us(long ns) => Math.Round(ns / 1000.0, 1);
        json.WriteNumber("p50_us", Us(histogram.ValueAt(50)));
        json.WriteNumber("p90_us", Us(histogram.ValueAt(90)));
        json.WriteNumber("p99_us", Us(histogram.ValueAt(99)));
        json.WriteNumber("p999_us", Us(histogram.ValueAt(99.9)));
        json.WriteNumber("max_us", Us(histogram.Count == 0 ? 0 : histogram.Max));
        json.WriteNumber("mean_us", Math.Round(histogram.Mean / 1000.0, 1));
    }
}
