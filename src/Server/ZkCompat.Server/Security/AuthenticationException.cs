namespace ZkCompat.Server.Security;

/// <summary>A client failed to authenticate; it gets AUTHFAILED and its connection closes.</summary>
internal sealed class AuthenticationException : Exception
{
    public AuthenticationException()
    {
    }

    public AuthenticationException(string message)
        : base(message)
    {
    }

    public AuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
