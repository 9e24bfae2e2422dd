namespace ZkCompat.CompatTests.Differential;

/// <summary>Every differential scenario, group by group.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All { get; } = Build();

    public static Scenario Get(string name) => All.Single(s => s.Name == name);

    private static List<Scenario> Build()
    {
        List<Scenario> all =
        [
            .. HandshakeScenarios.All(),
            .. CreateScenarios.All(),
            .. DeleteScenarios.All(),
            .. SetDataScenarios.All(),
            .. AclScenarios.All(),
            .. ReadScenarios.All(),
            .. MultiScenarios.All(),
            .. WatchScenarios.All(),
            .. SessionScenarios.All(),
            .. SequenceStatScenarios.All(),
            .. PayloadScenarios.All(),
            .. UnicodeScenarios.All(),
            .. PipelineScenarios.All(),
            .. OpScenarios.All(),
            .. ExtendedScenarios.All(),
            .. QuotaScenarios.All(),
            .. FourLetterScenarios.All(),
        ];
        var duplicate = all.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"two scenarios are named {duplicate.Key}");
        return all;
    }
}
