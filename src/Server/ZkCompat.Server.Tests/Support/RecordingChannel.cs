using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;

namespace ZkCompat.Server.Tests.Support;

/// <summary>A channel that only counts what the engine sends it.</summary>
internal sealed class RecordingChannel : IClientChannel
{
    public string RemoteAddress => "127.0.0.1";

    public long SessionId { get; set; }

    public HashSet<Id> AuthIds { get; } = [];

    public int Sent { get; private set; }

    public void Send(IJuteWritable header, IJuteWritable? body) => Sent++;

    public void SendConnectResponse(ConnectResponse response, bool withReadOnlyByte) => Sent++;

    public void Close()
    {
    }
}
