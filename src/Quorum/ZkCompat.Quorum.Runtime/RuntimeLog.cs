using Microsoft.Extensions.Logging;

namespace ZkCompat.Quorum.Runtime;

internal static partial class RuntimeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Quorum peer {Sid}: {What}")]
    public static partial void Peer(ILogger logger, long sid, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Election port {Election} and quorum port {Quorum} bound")]
    public static partial void Bound(ILogger logger, System.Net.EndPoint? election, System.Net.EndPoint? quorum);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Election connection with {Sid}: {What}")]
    public static partial void ElectionLink(ILogger logger, long sid, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot open channel to {Sid} at election address {Address}: {Reason}")]
    public static partial void CannotOpenChannel(ILogger logger, long sid, string address, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quorum channel {Channel} closed: {Reason}")]
    public static partial void ChannelClosed(ILogger logger, long channel, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Quorum peer failed: {Reason}")]
    public static partial void Failed(ILogger logger, Exception e, string reason);
}
