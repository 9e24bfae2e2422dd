using Microsoft.Extensions.Logging;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Host.Config;

/// <summary>
/// The client-port keys Java reads as JVM properties (a zoo.cfg key becomes zookeeper.&lt;key&gt;,
/// §9.1, and -D sets the same): maxCnxns, clientTcpKeepAlive and the connection throttle, with
/// Java 3.8.0's defaults and its way with bad values. Integer.getInteger takes an unreadable number
/// for the default; a bad double stops Java's start, and so it stops ours.
/// </summary>
internal static class ConnectionKeys
{
    private const string Throttle = "zookeeper.connection_throttle_";

    public static ServerOptions Apply(ServerOptions options, List<ConfigNote> notes) => options with
    {
        MaxConnections = MaxConnections(options, notes),
        ClientTcpKeepAlive = JavaSyntax.GetBoolean(options.Property("zookeeper.clientTcpKeepAlive")),
        ConnectionThrottle = ReadThrottle(options, notes),
    };

    /// <summary>ServerCnxnFactory.initMaxCnxns: a negative limit is no limit, with a warning.</summary>
    private static int MaxConnections(ServerOptions options, List<ConfigNote> notes)
    {
        var value = Int(options, "zookeeper.maxCnxns", 0, notes);
        if (value >= 0)
            return value;
        notes.Add(new(LogLevel.Warning, "maxCnxns should be greater than or equal to 0, using default value 0 (no limit)"));
        return 0;
    }

    /// <summary>BlueThrottle's static initializer: with weights on, tokens and fill count count global sessions.</summary>
    private static ConnectionThrottleOptions ReadThrottle(ServerOptions options, List<ConfigNote> notes)
    {
        var tokens = Int(options, Throttle + "tokens", 0, notes);
        var fillCount = Int(options, Throttle + "fill_count", 1, notes);
        var weighted = JavaSyntax.GetBoolean(options.Property(Throttle + "weight_enabled"));
        var (global, local, renew) = Weights(options, notes);
        var throttle = new ConnectionThrottleOptions
        {
            MaxTokens = weighted ? unchecked(global * tokens) : tokens,
            FillTimeMs = Int(options, Throttle + "fill_time", 1, notes),
            FillCount = weighted ? unchecked(global * fillCount) : fillCount,
            FreezeTimeMs = Int(options, Throttle + "freeze_time", -1, notes),
            DropIncrease = Double(options, Throttle + "drop_increase", 0.02),
            DropDecrease = Double(options, Throttle + "drop_decrease", 0.002),
            DecreaseRatio = Double(options, Throttle + "decrease_ratio", 0),
            WeightsEnabled = weighted,
            GlobalSessionWeight = global,
            LocalSessionWeight = local,
            RenewSessionWeight = renew,
        };
        if (throttle.MaxTokens != 0 && throttle.FillTimeMs == 0)
        {
            throw new ConfigException(
                $"{Throttle}fill_time is 0 while {Throttle}tokens is set: Java 3.8.0 divides by the fill time and fails every connect; give it a number of ms above 0");
        }

        return throttle;
    }

    /// <summary>Java replaces a weight below 1 by its default, and a global or renew weight below the local one by the local one (as given).</summary>
    private static (int Global, int Local, int Renew) Weights(ServerOptions options, List<ConfigNote> notes)
    {
        var global = Int(options, Throttle + "global_session_weight", 3, notes);
        var local = Int(options, Throttle + "local_session_weight", 1, notes);
        var renew = Int(options, Throttle + "renew_session_weight", 2, notes);
        var effectiveGlobal = global <= 0 ? Replaced(notes, $"Invalid global session weight {global}. It should be larger than 0", 3)
            : global < local ? Replaced(notes, $"The global session weight {global} is less than the local session weight {local}. Use the local session weight.", local)
            : global;
        var effectiveLocal = local <= 0 ? Replaced(notes, $"Invalid local session weight {local}. It should be larger than 0", 1) : local;
        var effectiveRenew = renew <= 0 ? Replaced(notes, $"Invalid renew session weight {renew}. It should be larger than 0", 2)
            : renew < local ? Replaced(notes, $"The renew session weight {renew} is less than the local session weight {local}. Use the local session weight.", local)
            : renew;
        return (effectiveGlobal, effectiveLocal, effectiveRenew);
    }

    private static int Replaced(List<ConfigNote> notes, string warning, int value)
    {
        notes.Add(new(LogLevel.Warning, warning));
        return value;
    }

    /// <summary>Integer.getInteger: Integer.decode of the property; an unreadable value is the default (noted, where Java is silent).</summary>
    private static int Int(ServerOptions options, string name, int fallback, List<ConfigNote> notes)
    {
        var text = options.Property(name);
        if (text is null)
            return fallback;
        if (JavaSyntax.Decode(text) is { } value)
            return value;
        notes.Add(new(LogLevel.Warning, $"{name} '{text}' is not an integer; using the default {fallback}, as Java does"));
        return fallback;
    }

    /// <summary>Double.parseDouble, which stops Java's start (an ExceptionInInitializerError) on a value it cannot read.</summary>
    private static double Double(ServerOptions options, string name, double fallback)
    {
        var text = options.Property(name);
        if (text is null)
            return fallback;
        if (JavaSyntax.TryParseDouble(text, out var value))
            return value;
        var hex = text.Trim().TrimStart('+', '-').StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        throw new ConfigException(hex
            ? $"{name} '{text}' is a hexadecimal floating-point number, which ZkCompat does not read; write it in decimal"
            : $"{name} must be a number, not '{text}' (Java 3.8.0 stops with a NumberFormatException)");
    }
}
