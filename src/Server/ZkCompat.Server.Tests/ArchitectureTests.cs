using System.Reflection;

namespace ZkCompat.Server.Tests;

/// <summary>The dependency rules of DESIGN.md, read from the assemblies' references.</summary>
public class ArchitectureTests
{
    private static readonly Assembly s_protocol = typeof(Protocol.Records.Stat).Assembly;
    private static readonly Assembly s_server = typeof(Server.Tree.DataTree).Assembly;

    [Fact]
    public void Protocol_DependsOnTheBclOnly()
    {
        var references = Names(s_protocol);

        Assert.All(references, name => Assert.True(name is "System" or "netstandard" || name.StartsWith("System.", StringComparison.Ordinal), $"Protocol references {name}"));
    }

    [Fact]
    public void Server_NeverReferencesTheHostOrTheQuorum()
    {
        var references = Names(s_server);

        Assert.Contains("ZkCompat.Protocol", references);
        Assert.DoesNotContain(references, name => name is "zkcompat" || name.StartsWith("ZkCompat.Quorum", StringComparison.Ordinal));
    }

    private static List<string> Names(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
}
