using Microsoft.Extensions.Logging;

namespace ZkCompat.Server;

/// <summary>The engine's log lines.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "ZkCompat serving clients on {Address}")]
    public static partial void Serving(ILogger logger, string address);

    [LoggerMessage(2, LogLevel.Warning, "Closing connection from {Remote}: {Reason}")]
    public static partial void ClosingBadConnection(ILogger logger, string remote, string reason);

    [LoggerMessage(3, LogLevel.Information, "Refusing connection from {Remote}: {Reason}")]
    public static partial void Refused(ILogger logger, string remote, string reason);

    [LoggerMessage(4, LogLevel.Information, "Established session {SessionId} with negotiated timeout {TimeoutMs} ms for {Remote}")]
    public static partial void SessionEstablished(ILogger logger, string sessionId, int timeoutMs, string remote);

    [LoggerMessage(5, LogLevel.Information, "Expiring session {SessionId}, timeout of {TimeoutMs} ms exceeded")]
    public static partial void SessionExpired(ILogger logger, string sessionId, int timeoutMs);

    [LoggerMessage(6, LogLevel.Warning, "Unknown opcode {Op} from session {SessionId}; closing its connection")]
    public static partial void UnknownOp(ILogger logger, int op, string sessionId);

    [LoggerMessage(7, LogLevel.Warning, "Malformed {Op} request from session {SessionId}")]
    public static partial void MalformedRequest(ILogger logger, string op, string sessionId);

    [LoggerMessage(8, LogLevel.Error, "Apply loop failed on {Work}")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string work);

    [LoggerMessage(9, LogLevel.Information, "Session {SessionId} closed by its client")]
    public static partial void SessionClosed(ILogger logger, string sessionId);

    [LoggerMessage(10, LogLevel.Critical, "Storage failed, no longer acknowledging anything: {Reason}")]
    public static partial void StorageFailed(ILogger logger, string reason);

    [LoggerMessage(11, LogLevel.Warning, "Client {Remote} failed to SASL authenticate: {Reason}")]
    public static partial void SaslFailed(ILogger logger, string remote, string reason);

    [LoggerMessage(12, LogLevel.Information, "zookeeper.skipACL==\"yes\", ACL checks will be skipped")]
    public static partial void SkipAcl(ILogger logger);

    [LoggerMessage(13, LogLevel.Information, "zookeeper.digest.enabled = {Enabled}")]
    public static partial void DigestEnabled(ILogger logger, string enabled);
}
