namespace ZkCompat.Bench;

/// <summary>What a workload does when a session hears back. Called on that session's receive loop.</summary>
internal interface ISessionHandler
{
    /// <summary>A reply to a request of this session (already timed; errors already counted).</summary>
    void OnReply(WireSession session, in Completion completion, ReadOnlySpan<byte> body);

    /// <summary>A watch notification: its event type and the path's UTF-8 bytes.</summary>
    void OnNotification(WireSession session, int eventType, ReadOnlySpan<byte> path, long timestamp);
}

/// <summary>One answered request: its kind, the caller's tag, the error code and when it left and came back.</summary>
internal readonly record struct Completion(OpKind Op, long Tag, int Err, long StartTimestamp, long EndTimestamp);
