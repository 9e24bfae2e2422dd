using System.Security.Cryptography;
using System.Text;
using Xunit.Abstractions;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Durability;

/// <summary>What the durability tests share: a work folder whose dataDir outlives servers, and failure text.</summary>
internal sealed class DurabilityRun : IDisposable
{
    public const string SuperPassword = "durability";
    public const int ServerLogChars = 15_000;

    private readonly StringBuilder _history = new();
    private readonly ITestOutputHelper _output;

    public DurabilityRun(string name, ITestOutputHelper output)
    {
        _output = output;
        WorkDir = Directory.CreateTempSubdirectory($"zkcompat-durability-{name}-").FullName;
        DataDir = Path.Combine(WorkDir, "data");
        Directory.CreateDirectory(DataDir);
    }

    public string WorkDir { get; }

    /// <summary>Handed from server to server; each start gets it through <see cref="ServerStartOptions.DataDir"/>.</summary>
    public string DataDir { get; }

    /// <summary>
    /// zoo.cfg's DigestAuthenticationProvider.superDigest (Java turns the key into the system property
    /// zookeeper.DigestAuthenticationProvider.superDigest, ZkCompat reads the same): a session that adds
    /// digest super:<see cref="SuperPassword"/> passes every ACL, so dumps see every node's data and ACL.
    /// </summary>
    public static string SuperDigestLine
    {
        get
        {
#pragma warning disable CA5350 // ZooKeeper's digest scheme is SHA-1 by definition.
            var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"super:{SuperPassword}"));
#pragma warning restore CA5350
            return $"DigestAuthenticationProvider.superDigest=super:{Convert.ToBase64String(hash)}";
        }
    }

    /// <summary>What happened so far, for the failure message.</summary>
    public void Note(string line)
    {
        _history.AppendLine(line);
        _output.WriteLine(line);
    }

    public string History => _history.ToString();

    public IReadOnlyList<string> DataFiles(string prefix)
    {
        var folder = Path.Combine(DataDir, "version-2");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, prefix + "*").Select(Path.GetFileName).Order().OfType<string>()]
            : [];
    }

    /// <summary>The dataDir's version-2 listing as name(bytes), for messages.</summary>
    public string Listing()
    {
        var folder = Path.Combine(DataDir, "version-2");
        if (!Directory.Exists(folder))
        {
            return "(no version-2 folder)";
        }

        return string.Join(' ', new DirectoryInfo(folder).GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => $"{f.Name}({f.Length})"));
    }

    /// <summary>Set when a check failed: the folder stays for whoever debugs the server (its path is in the message).</summary>
    public bool Keep { get; set; }

    public void Dispose()
    {
        if (Keep)
        {
            return;
        }

        try
        {
            Directory.Delete(WorkDir, recursive: true);
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
