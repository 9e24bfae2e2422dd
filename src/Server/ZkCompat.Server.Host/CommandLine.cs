using Microsoft.Extensions.Logging;

namespace ZkCompat.Server.Host;

/// <summary>
/// zkcompat [-Dkey=value ...] [--log-level LEVEL] [--version] &lt;zoo.cfg&gt;. The -D options are the
/// JVM system properties Java ZooKeeper reads (what SERVER_JVMFLAGS carries).
/// </summary>
internal sealed record CommandLine(IReadOnlyList<string> SystemProperties, LogLevel? LogLevel, bool Version, string? ConfigPath, string? Error)
{
    public const string Usage = "usage: zkcompat [-Dkey=value ...] [--log-level trace|debug|info|warn|error] [--version] <zoo.cfg>";

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var properties = new List<string>();
        var positional = new List<string>();
        LogLevel? level = null;
        var version = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("-D", StringComparison.Ordinal))
            {
                properties.Add(arg);
            }
            else if (arg is "--version" or "-v")
            {
                version = true;
            }
            else if (arg is "--log-level" or "-l" || arg.StartsWith("--log-level=", StringComparison.Ordinal))
            {
                var text = arg.Contains('=', StringComparison.Ordinal) ? arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..] : i + 1 < args.Count ? args[++i] : null;
                level = Logging.Parse(text);
                if (level is null)
                    return Fail($"unknown log level '{text}'");
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                return Fail($"unknown option {arg}");
            }
            else
            {
                positional.Add(arg);
            }
        }

        if (version)
            return new CommandLine(properties, level, true, null, null);
        return positional.Count == 1
            ? new CommandLine(properties, level, false, positional[0], null)
            : Fail("expected exactly one zoo.cfg path");
    }

    private static CommandLine Fail(string error) => new([], null, false, null, error);
}
