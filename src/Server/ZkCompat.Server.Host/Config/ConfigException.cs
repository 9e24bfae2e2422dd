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
}
