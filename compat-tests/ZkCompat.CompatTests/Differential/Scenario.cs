namespace ZkCompat.CompatTests.Differential;

/// <summary>A named list of steps run unchanged against Java ZooKeeper and ZkCompat, under its own root path.</summary>
internal sealed record Scenario(string Name, string Root, IReadOnlyList<Step> Steps, ServerProfile Profile, ScenarioMark? Mark)
{
    /// <summary>The part of the name before the first '/': the row of docs/COMPATIBILITY.md.</summary>
    public string Group => Name.Split('/')[0];
}
