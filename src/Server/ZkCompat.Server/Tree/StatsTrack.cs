using System.Globalization;
using System.Text;

namespace ZkCompat.Server.Tree;

/// <summary>
/// The text of quota nodes (PROTOCOL.md §7.1): "count=N,bytes=M", then for 3.7+ hard limits an
/// extra "=" and ";key=value" pairs in key order. Missing keys read as -1.
/// </summary>
internal sealed class StatsTrack
{
    private const string Count = "count";
    private const string Bytes = "bytes";
    private readonly SortedDictionary<string, long> _values = new(StringComparer.Ordinal);

    public StatsTrack(string? text = null)
    {
        foreach (var pair in (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=');
            if (kv.Length >= 2 && kv[0].Length > 0)
                _values[kv[0]] = kv[1].Length == 0 ? -1 : long.TryParse(kv[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : -1;
        }
    }

    public long this[string key]
    {
        get => _values.GetValueOrDefault(key, -1);
        set => _values[key] = value;
    }

    public static StatsTrack Of(byte[]? data) => new(data is null ? null : Encoding.UTF8.GetString(data));

    public byte[] ToBytes()
    {
        var text = new StringBuilder($"{Count}={this[Count]},{Bytes}={this[Bytes]}");
        var extra = _values.Keys.Where(k => k is not (Count or Bytes)).ToList();
        if (extra.Count > 0)
        {
            text.Append('=');
            foreach (var key in extra)
                text.Append(';').Append(key).Append('=').Append(_values[key]);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
