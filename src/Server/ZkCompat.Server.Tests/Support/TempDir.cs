namespace ZkCompat.Server.Tests.Support;

/// <summary>A private directory for one test, deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("zkcompat-test-").FullName;

    public string VersionDir => System.IO.Path.Combine(Path, "version-2");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test; the temp cleaner gets it.
        }
    }
}
