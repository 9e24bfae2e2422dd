namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>Thrown from inside a storage call to kill the server at that exact point.</summary>
internal sealed class SimCrashException : Exception
{
    public SimCrashException()
        : base("simulated crash")
    {
    }

    public SimCrashException(string message)
        : base(message)
    {
    }

    public SimCrashException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
