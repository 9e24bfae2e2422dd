using System.Reflection;

namespace ZkCompat.Quorum.Tests;

/// <summary>The quorum core knows nothing of the server, the host or the IO edge (DESIGN.md).</summary>
public class ArchitectureTests
{
    [Fact]
    public void Core_DependsOnTheProtocolOnly()
    {
        var references = typeof(ArchitectureTests).Assembly.GetReferencedAssemblies()
            .Where(a => a.Name == "ZkCompat.Quorum")
            .Select(a => Assembly.Load(a).GetReferencedAssemblies().Select(r => r.Name ?? "").ToList())
            .Single();

        Assert.DoesNotContain(references, name => name.StartsWith("ZkCompat.Server", StringComparison.Ordinal) || name == "zkcompat" || name == "ZkCompat.Quorum.Runtime");
        Assert.DoesNotContain(references, name => name.StartsWith("System.Net.Sockets", StringComparison.Ordinal));
    }
}
