using ZkCompat.Protocol.Codes;

namespace ZkCompat.Server.Processing;

/// <summary>A write that fails validation; it still becomes an error txn (§3.7, Q5).</summary>
internal sealed class PrepException : Exception
{
    public PrepException()
    {
    }

    public PrepException(string message)
        : base(message)
    {
    }

    public PrepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PrepException(ErrorCode code)
        : base(code.ToString()) => Code = code;

    public ErrorCode Code { get; } = ErrorCode.SystemError;
}
