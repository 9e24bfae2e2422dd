using System.Text;
using ZkCompat.Server.Host.Config.Catalog;

namespace ZkCompat.Server.Tests;

/// <summary>
/// docs/CONFIGURATION.md lists the catalog as it is: its tables between the catalog markers are
/// rendered from <see cref="ConfigCatalog"/>. After changing the catalog, run this test with
/// ZKCOMPAT_WRITE_DOCS=1 to rewrite them, and read the diff.
/// </summary>
public class ConfigurationDocTests
{
    private const string Begin = "<!-- catalog:begin (generated from src/Server/ZkCompat.Server.Host/Config/Catalog; see ConfigurationDocTests) -->";
    private const string End = "<!-- catalog:end -->";

    [Fact]
    public void Doc_ListsTheCatalog()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "CONFIGURATION.md");
        var text = File.ReadAllText(path);
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{path} has no catalog markers");
        var current = text[(start + Begin.Length)..end];
        var expected = "\n" + Render();
        if (current != expected && Environment.GetEnvironmentVariable("ZKCOMPAT_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, text[..(start + Begin.Length)] + expected + text[end..]);
            current = expected;
        }

        Assert.True(current == expected, "docs/CONFIGURATION.md differs from the catalog; rerun this test with ZKCOMPAT_WRITE_DOCS=1");
    }

    internal static string Render()
    {
        var text = new StringBuilder();
        foreach (var group in ConfigCatalog.Groups)
        {
            text.Append("\n### ").Append(group.Title).Append("\n\n");
            text.Append("| zoo.cfg key | system property | ZkCompat | why, or how |\n|---|---|---|---|\n");
            foreach (var key in group.Keys)
                text.Append(Row(group, key));
        }

        return text.Append('\n').ToString();
    }

    private static string Row(KeyGroup group, ConfigKey key)
    {
        var name = key.IsPrefix ? key.Name + "*" : key.Name;
        var (zooCfg, property) = group.ZooCfgOnly
            ? ($"`{name}`", "—")
            : (name.StartsWith("zookeeper.", StringComparison.Ordinal) ? $"`{name["zookeeper.".Length..]}`" : "— (-D only)", $"`{name}`");
        var status = key.Status switch
        {
            KeyStatus.Honoured => "honoured",
            KeyStatus.Ignored => "ignored, WARN",
            _ => key.HarmlessText is { } harmless ? $"refused unless {harmless}" : "refused",
        };
        return $"| {zooCfg} | {property} | {status} | {key.Note.Replace("|", "\\|", StringComparison.Ordinal)} |\n";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZkCompat.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("ZkCompat.sln not found above " + AppContext.BaseDirectory);
    }
}
