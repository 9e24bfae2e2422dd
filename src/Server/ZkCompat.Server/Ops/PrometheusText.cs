using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ZkCompat.Server.Ops;

/// <summary>
/// Collects one <see cref="Meter"/>'s instruments with a <see cref="MeterListener"/> and writes them
/// in the Prometheus text exposition format (version 0.0.4), as Java's PrometheusMetricsProvider serves them.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Collect(Meter meter)
    {
        var samples = new List<(Instrument Instrument, double Value, string Labels)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => samples.Add((i, value, Labels(tags))));
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => samples.Add((i, value, Labels(tags))));
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => samples.Add((i, value, Labels(tags))));
        listener.Start();
        listener.RecordObservableInstruments();
        return Format(samples);
    }

    public static string Format(IEnumerable<(Instrument Instrument, double Value, string Labels)> samples)
    {
        var text = new StringBuilder();
        foreach (var group in samples.GroupBy(s => s.Instrument).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var name = Name(group.Key.Name);
            text.Append("# HELP ").Append(name).Append(' ').Append(group.Key.Description ?? name).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(Type(group.Key)).Append('\n');
            foreach (var (_, value, labels) in group)
                text.Append(name).Append(labels).Append(' ').Append(Value(value)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Prometheus names allow [a-zA-Z_:][a-zA-Z0-9_:]*; anything else becomes '_'.</summary>
    public static string Name(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var ok = char.IsAsciiLetter(c) || c is '_' or ':' || (i > 0 && char.IsAsciiDigit(c));
            chars[i] = ok ? c : '_';
        }

        return new string(chars);
    }

    private static string Type(Instrument instrument) =>
        instrument is ObservableCounter<long> or ObservableCounter<double> or Counter<long> or Counter<double> ? "counter" : "gauge";

    private static string Value(double value) => double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : JavaText.Double(value);

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
            return "";
        var text = new StringBuilder("{");
        foreach (var tag in tags)
        {
            if (text.Length > 1)
                text.Append(',');
            var value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            text.Append(Name(tag.Key)).Append("=\"").Append(value.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('"');
        }

        return text.Append('}').ToString();
    }
}
