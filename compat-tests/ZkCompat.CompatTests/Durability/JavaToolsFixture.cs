using System.Collections.Concurrent;

namespace ZkCompat.CompatTests.Durability;

/// <summary>
/// The dataDirs the Java-tools tests read, written once per variant (<see cref="ToolsVariants"/>) and
/// shared by every test of the collection. Deleted at the end unless a test asked to keep them.
/// </summary>
public sealed class JavaToolsFixture : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ToolsWorkload>>> _written = new();
    private readonly string _workDir = Directory.CreateTempSubdirectory("zkcompat-javatools-").FullName;
    private int _folders;

    /// <summary>Set when a check failed: the folder stays for whoever debugs (its path is in the message).</summary>
    internal bool Keep { get; set; }

    internal string WorkDir => _workDir;

    /// <summary>The variant's workload, written by both servers on first use.</summary>
    internal Task<ToolsWorkload> WrittenAsync(string variant) => _written.GetOrAdd(variant, v => new Lazy<Task<ToolsWorkload>>(() =>
    {
        var dir = Directory.CreateDirectory(Path.Combine(_workDir, v)).FullName;
        return ToolsWorkload.WriteAsync(v, ToolsVariants.ConfigLines(v), dir);
    })).Value;

    /// <summary>A new, empty folder under the work dir for one test's copies.</summary>
    internal string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(_workDir, $"{name}-{Interlocked.Increment(ref _folders)}")).FullName;

    public void Dispose()
    {
        if (Keep)
            return;
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // A straggling write from a dying process; the OS temp cleaner gets the rest.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
