using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;

namespace ZkCompat.Testing;

/// <summary>
/// An in-process stand-in for a client that takes over a session with its id and password and
/// closes it: the session's real connection is dropped and its ephemerals go, so the client sees
/// what a real expiry looks like (disconnect, then "session expired" on reconnect).
/// </summary>
internal sealed class ExpiringChannel : IClientChannel
{
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _attached;

    public string RemoteAddress => "127.0.0.1";

    public long SessionId { get; set; }

    public HashSet<Id> AuthIds { get; } = [];

    /// <summary>True once the session was taken over and closed; false if it did not exist.</summary>
    public Task<bool> Done => _done.Task;

    public void Send(IJuteWritable header, IJuteWritable? body)
    {
    }

    public void SendConnectResponse(ConnectResponse response, bool withReadOnlyByte) => _attached = response.TimeoutMs > 0;

    public void Close() => _done.TrySetResult(_attached);
}
