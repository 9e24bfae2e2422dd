namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// The configurations the Java-tools tests run under: extra zoo.cfg lines for every server start (the
/// writers and the servers on the chopped and recovered dataDirs). A snapshot compression method is a
/// new row, e.g. <c>["gz"] = ["snapshot.compression.method=gz"]</c>: Java and ZkCompat then write
/// snapshot.&lt;zxid&gt;.gz, which <see cref="DataDirFiles"/> lists and the tools read by that suffix.
/// </summary>
public static class ToolsVariants
{
    private static readonly Dictionary<string, string[]> Lines = new()
    {
        ["plain"] = [],
    };

    public static TheoryData<string> All => [.. Lines.Keys];

    internal static IReadOnlyList<string> ConfigLines(string variant) => Lines[variant];
}
