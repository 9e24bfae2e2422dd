namespace ZkCompat.CompatTests.Durability;

/// <summary>The Java-tools test classes share one <see cref="JavaToolsFixture"/>: the workload is written once per variant.</summary>
[CollectionDefinition(Name)]
public sealed class SharedToolsWorkload : ICollectionFixture<JavaToolsFixture>
{
    public const string Name = "JavaTools";
}
