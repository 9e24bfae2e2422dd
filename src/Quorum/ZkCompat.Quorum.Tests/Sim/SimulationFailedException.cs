namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>An invariant broke (or the core threw); the message carries the seed and the trace.</summary>
internal sealed class SimulationFailedException : Exception
{
    public SimulationFailedException()
    {
    }

    public SimulationFailedException(string message)
        : base(message)
    {
    }

    public SimulationFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
