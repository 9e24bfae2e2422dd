namespace ZkCompat.Server.Persistence;

/// <summary>The data directory cannot be trusted; the server must not start on it.</summary>
internal sealed class RecoveryException : Exception
{
    public RecoveryException()
    {
    }

    public RecoveryException(string message)
        : base(message)
    {
    }

    public RecoveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
