namespace ZkCompat.Protocol.Jute;

/// <summary>Raised for bytes that can never form a valid record or frame (as opposed to "need more bytes").</summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException()
    {
    }

    public ProtocolException(string message)
        : base(message)
    {
    }

    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
