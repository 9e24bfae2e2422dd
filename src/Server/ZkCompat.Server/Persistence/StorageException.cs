namespace ZkCompat.Server.Persistence;

/// <summary>The disk failed us: a write or fsync did not complete. The server stops acknowledging.</summary>
internal sealed class StorageException : IOException
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
