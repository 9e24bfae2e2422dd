using System.Globalization;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Host.Config;

/// <summary>
/// The zookeeper.* properties a Java quorum peer reads outside QuorumPeerConfig, each where Java
/// reads it (ZKDatabase, QuorumCnxManager), with Java's defaults and Java's way with a bad value:
/// a default and a log line where Java does that, a config error where Java stops or could not work.
/// zoo.cfg keys reach them as zookeeper.&lt;key&gt; (§9.1).
/// </summary>
internal static class PeerProperties
{
    public const int MinCommitLogCount = 500;
    public const double DefaultSnapshotSizeFactor = 0.33;
    public const int DefaultCnxTimeoutMs = 5000;

    /// <summary>ZKDatabase: Integer.parseInt; unreadable gives 500 (ERROR), below 500 gives 500 (WARN).</summary>
    public static int CommitLogCount(ServerOptions options, List<ConfigNote> notes)
    {
        const string Key = "zookeeper.commitLogCount";
        if (options.Property(Key) is not { } text)
            return MinCommitLogCount;
        if (!JavaSyntax.TryParseInt(text, out var count))
        {
            notes.Add(new(LogLevel.Error, $"Error parsing {Key} '{text}' - use default value {MinCommitLogCount}"));
            return MinCommitLogCount;
        }

        if (count < MinCommitLogCount)
        {
            notes.Add(new(LogLevel.Warning, $"The configured {Key} {count} is less than the recommended {MinCommitLogCount}, going to use the recommended one"));
            return MinCommitLogCount;
        }

        return count;
    }

    /// <summary>
    /// ZKDatabase: Double.parseDouble; unreadable gives 0.33 (ERROR), above 1 gives 0.33 (WARN);
    /// negative (and NaN) turn the leader's DIFF from its txn log off.
    /// </summary>
    public static double SnapshotSizeFactor(ServerOptions options, List<ConfigNote> notes)
    {
        const string Key = "zookeeper.snapshotSizeFactor";
        if (options.Property(Key) is not { } text)
            return DefaultSnapshotSizeFactor;
        if (JavaSyntax.IsHexFloat(text))
            throw new ConfigException($"{Key} '{text}': hexadecimal floating-point values are not supported by ZkCompat; write it in decimal");
        if (!JavaSyntax.TryParseDouble(text, out var factor))
        {
            notes.Add(new(LogLevel.Error, $"Error parsing {Key} '{text}', using default value {DefaultSnapshotSizeFactor.ToString(CultureInfo.InvariantCulture)}"));
            return DefaultSnapshotSizeFactor;
        }

        if (factor > 1)
        {
            notes.Add(new(LogLevel.Warning, $"The configured {Key} {text} is invalid, going to use the default {DefaultSnapshotSizeFactor.ToString(CultureInfo.InvariantCulture)}"));
            return DefaultSnapshotSizeFactor;
        }

        return factor;
    }

    /// <summary>
    /// QuorumCnxManager: Integer.parseInt, and Java exits (code 2) on an unreadable value. A negative
    /// one Java takes, then fails every election connection with it (Socket.connect throws), so no
    /// election ever completes: refused here. 0 means no timeout, as for Socket.connect.
    /// </summary>
    public static int CnxTimeoutMs(ServerOptions options)
    {
        const string Key = "zookeeper.cnxTimeout";
        if (options.Property(Key) is not { } text)
            return DefaultCnxTimeoutMs;
        if (!JavaSyntax.TryParseInt(text, out var timeoutMs))
            throw new ConfigException($"{Key} must be an integer (milliseconds), not '{text}'");
        return timeoutMs >= 0
            ? timeoutMs
            : throw new ConfigException($"{Key} is {timeoutMs}: a negative connect timeout fails every election connection (Java 3.8.0 then never forms a quorum); use 0 for no timeout");
    }

    /// <summary>QuorumCnxManager: Boolean.getBoolean, true only for "true" in any case.</summary>
    public static bool TcpKeepAlive(ServerOptions options) =>
        options.Property("zookeeper.tcpKeepAlive")?.Equals("true", StringComparison.OrdinalIgnoreCase) ?? false;
}
