namespace ZkCompat.Server.Host.Config;

/// <summary>A zoo.cfg problem that stops the start; the message names the key and line.</summary>
internal sealed class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The process exit code: 2 like Java's config errors; 1 for "My id N not in the peer list",
    /// which Java only finds when the peer starts and exits with as an unexpected error.
    /// </summary>
    public int ExitCode { get; init; } = 2;
}
