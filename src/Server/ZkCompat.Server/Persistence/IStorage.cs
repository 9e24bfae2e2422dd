namespace ZkCompat.Server.Persistence;

/// <summary>
/// The file-system seam of the data directory: everything persistence does to disk goes through
/// here, so tests can make writes fail, fsync fail or the disk run full.
/// </summary>
internal interface IStorage
{
    Stream Create(string path);

    Stream OpenRead(string path);

    /// <summary>Opens an existing file for writing (truncating a torn log tail).</summary>
    Stream OpenWrite(string path);

    /// <summary>Makes everything written to <paramref name="stream"/> durable (fsync).</summary>
    void Sync(Stream stream);

    IReadOnlyList<string> List(string directory);

    void Delete(string path);

    /// <summary>Replaces <paramref name="to"/> with <paramref name="from"/> atomically.</summary>
    void Rename(string from, string to);

    void CreateDirectory(string path);

    /// <summary>A file or directory of that name exists.</summary>
    bool Exists(string path);
}
