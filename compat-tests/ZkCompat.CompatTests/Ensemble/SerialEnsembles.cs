namespace ZkCompat.CompatTests.Ensemble;

/// <summary>
/// Every ensemble test class runs in this one collection, one test at a time: four server processes
/// per ensemble are plenty for two cores, and the election times they measure stay comparable.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SerialEnsembles : ICollectionFixture<EnsemblePool>
{
    public const string Name = "Ensemble";
}
