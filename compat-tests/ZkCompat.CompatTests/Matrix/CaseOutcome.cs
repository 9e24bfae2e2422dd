using System.Text.RegularExpressions;

namespace ZkCompat.CompatTests.Matrix;

/// <summary>What a client program printed for one case: <c>CASE name PASS|FAIL why</c>.</summary>
internal sealed partial record CaseOutcome(string Name, bool Passed, string Detail)
{
    /// <summary>Every CASE line of a program's output, by case name (the last line wins).</summary>
    public static IReadOnlyDictionary<string, CaseOutcome> Parse(string output)
    {
        var outcomes = new Dictionary<string, CaseOutcome>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var match = CaseLine().Match(line.TrimEnd('\r'));
            if (match.Success)
            {
                var name = match.Groups["name"].Value;
                outcomes[name] = new CaseOutcome(name, match.Groups["verdict"].Value == "PASS", match.Groups["detail"].Value);
            }
        }

        return outcomes;
    }

    [GeneratedRegex(@"^CASE (?<name>\S+) (?<verdict>PASS|FAIL)\b ?(?<detail>.*)$")]
    private static partial Regex CaseLine();
}
