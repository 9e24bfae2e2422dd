using System.Text;

namespace ZkCompat.CompatTests.Durability;

/// <summary>The first place two long texts (or line lists) differ, with a little context, for failure messages.</summary>
internal static class TextDifference
{
    private const int Context = 3;
    private const int Shown = 8;
    private const int LineChars = 400;

    public static string FirstLines(string left, string right, string leftName, string rightName) =>
        FirstLines(left.Split('\n'), right.Split('\n'), leftName, rightName);

    public static string FirstLines(IReadOnlyList<string> left, IReadOnlyList<string> right, string leftName, string rightName)
    {
        var at = 0;
        while (at < left.Count && at < right.Count && left[at] == right[at])
            at++;
        var from = Math.Max(0, at - Context);
        return new StringBuilder()
            .AppendLine($"  first difference at line {at + 1} of {left.Count} / {right.Count}")
            .AppendLine($"  --- {leftName}")
            .Append(Excerpt(left, from, at))
            .AppendLine($"  --- {rightName}")
            .Append(Excerpt(right, from, at))
            .ToString();
    }

    private static string Excerpt(IReadOnlyList<string> lines, int from, int at)
    {
        var text = new StringBuilder();
        foreach (var i in Enumerable.Range(from, Math.Max(0, Math.Min(lines.Count, at + Shown) - from)))
        {
            var line = lines[i].Length > LineChars ? lines[i][..LineChars] + "..." : lines[i];
            text.AppendLine($"  {(i == at ? ">" : " ")} {line}");
        }

        return text.ToString();
    }
}
