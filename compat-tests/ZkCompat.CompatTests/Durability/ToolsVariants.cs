namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// The configurations the Java-tools tests run under: extra zoo.cfg lines for every server start (the
/// writers and the servers on the chopped and recovered dataDirs). With a snapshot compression
/// method Java and ZkCompat write snapshot.&lt;zxid&gt;.gz or .snappy, which <see cref="DataDirFiles"/>
/// lists and the tools read by that suffix.
/// </summary>
public static class ToolsVariants
{
    private static readonly Dictionary<string, string[]> Lines = new()
    {
        ["plain"] = [],
        ["gz"] = ["snapshot.compression.method=gz"],
        ["snappy"] = ["snapshot.compression.method=snappy"],
    };

    public static TheoryData<string> All => [.. Lines.Keys];

    internal static IReadOnlyList<string> ConfigLines(string variant) => Lines[variant];
}
