using System.Text.RegularExpressions;

namespace ZkCompat.CompatTests.Ops;

/// <summary>
/// The structure of a four-letter word's text, without its values: numbers, hex ids, versions,
/// last-op names and temp paths are masked, and runs of lines of the same shape count once (so
/// two connections or one read alike). Two servers agree when their shapes are equal.
/// </summary>
internal static partial class TextShape
{
    public static IReadOnlyList<string> Of(string text)
    {
        var shapes = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = Version().Replace(raw, "${1}V");
            line = TempPath().Replace(line, "/TMP");
            line = LastOp().Replace(line, "lop=OP");
            line = Hex().Replace(line, "0x#");
            line = Digits().Replace(line, "#");
            if (shapes.Count == 0 || shapes[^1] != line)
                shapes.Add(line);
        }

        return shapes;
    }

    [GeneratedRegex(@"^(Zookeeper version: |zk_version\t|zookeeper\.version=).*$")]
    private static partial Regex Version();

    [GeneratedRegex(@"/tmp/[^\s]*")]
    private static partial Regex TempPath();

    [GeneratedRegex("lop=[A-Z0-9]+")]
    private static partial Regex LastOp();

    [GeneratedRegex("0x[0-9a-f]+")]
    private static partial Regex Hex();

    [GeneratedRegex("[0-9]+(\\.[0-9]+)?")]
    private static partial Regex Digits();
}
