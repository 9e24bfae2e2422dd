namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// docs/COMPATIBILITY.md must be what the catalog and its marks say. A green differential run proves
/// every scenario behaves as marked, so together they keep the committed report current.
/// </summary>
public sealed class CompatibilityReportTests
{
    [Fact]
    public void CommittedReport_MatchesCatalogAndMarks()
    {
        var path = Path.Combine(RepositoryRoot(), CompatibilityReport.RelativePath);
        Assert.True(File.Exists(path), $"{path} is missing: run tools/compat-report.sh");
        var expected = CompatibilityReport.RenderAsMarked(ScenarioCatalog.All);
        var committed = File.ReadAllText(path);
        Assert.True(expected == committed, $"{CompatibilityReport.RelativePath} is out of date: run tools/compat-report.sh and commit it.");
    }

    [Fact]
    public void Catalog_HasAtLeast150ScenariosWithUniqueRoots()
    {
        Assert.True(ScenarioCatalog.All.Count >= 150, $"only {ScenarioCatalog.All.Count} scenarios");
        Assert.Equal(ScenarioCatalog.All.Count, ScenarioCatalog.All.Select(s => s.Root).Distinct().Count());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZkCompat.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no ZkCompat.sln above {AppContext.BaseDirectory}");
    }
}
