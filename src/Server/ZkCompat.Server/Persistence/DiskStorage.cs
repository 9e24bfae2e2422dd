namespace ZkCompat.Server.Persistence;

/// <summary>The real file system.</summary>
internal sealed class DiskStorage : IStorage
{
    public static readonly DiskStorage Instance = new();

    public Stream Create(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);

    public Stream OpenRead(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024);

    public Stream OpenWrite(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1);

    public void Sync(Stream stream) => ((FileStream)stream).Flush(flushToDisk: true);

    public IReadOnlyList<string> List(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory) : [];

    public void Delete(string path) => File.Delete(path);

    public void Rename(string from, string to) => File.Move(from, to, overwrite: true);

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
