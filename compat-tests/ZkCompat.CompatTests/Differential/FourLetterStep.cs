using System.Text;
using System.Text.RegularExpressions;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// A four-letter word on a fresh connection (PROTOCOL.md §8.1): raw text back, then close. What
/// differs between any two servers is masked: digits (counters, latencies, ports), hex ids, the
/// version string and the servers' temp directories; the text around them must match.
/// </summary>
internal sealed partial class FourLetterStep(string word, string? expectStart, bool sortLines = false, byte[]? extra = null) : Step
{
    public override string Describe() => $"4lw {word}";

    public override async Task RunAsync(ScenarioRun run)
    {
        await using var wire = await WireConnection.OpenAsync(run.Host, run.Port, ScenarioRun.ReplyBound);
        run.Record($"4lw> {word}{(extra is null ? "" : $" +0x{Convert.ToHexStringLower(extra)}")}");
        await wire.SendAsync(Encoding.ASCII.GetBytes(word).Concat(extra ?? []).ToArray(), ScenarioRun.ReplyBound);
        var (bytes, closed) = await wire.ReadToEndAsync(ScenarioRun.ReplyBound);
        var text = Encoding.UTF8.GetString(bytes);
        var lines = Mask(text).Split('\n').AsEnumerable();
        if (sortLines)
            lines = lines.Order(StringComparer.Ordinal);
        foreach (var line in lines)
            run.Record($"4lw< {Normalizer.Escape(line, quoting: false)}");
        run.Record(closed ? "4lw< closed" : "4lw< still open");
        if (expectStart is not null && !text.StartsWith(expectStart, StringComparison.Ordinal))
            run.Fail($"4lw {word}: answer does not start with \"{expectStart}\": \"{text}\"");
        if (!closed)
            run.Fail($"4lw {word}: the server did not close the connection");
    }

    private static string Mask(string text)
    {
        text = Version().Replace(text, "${1}<version>");
        text = WorkDir().Replace(text, "<workdir>");
        text = HexId().Replace(text, "0x#");
        return Digits().Replace(text, "#");
    }

    [GeneratedRegex("(version:? |zk_version\t)[^,\\s]+")]
    private static partial Regex Version();

    [GeneratedRegex("/tmp/zkcompat-(java|zkcompat)-[A-Za-z0-9]+")]
    private static partial Regex WorkDir();

    [GeneratedRegex("0x[0-9a-fA-F]+")]
    private static partial Regex HexId();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
