using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Server.Net;

/// <summary>
/// What the apply loop needs of a client connection. Everything the loop sends goes through
/// <see cref="Send"/>, so replies and notifications leave in the order the loop made them (§5.3).
/// The mutable properties belong to the apply loop; connections never touch them.
/// </summary>
internal interface IClientChannel
{
    /// <summary>The remote IPv4/IPv6 address as text, for the ip scheme (§6.2).</summary>
    string RemoteAddress { get; }

    long SessionId { get; set; }

    HashSet<Id> AuthIds { get; }

    void Send(IJuteWritable header, IJuteWritable? body);

    /// <summary>A reply (or notification) frame: <see cref="ReplyHeader"/>'s fields, then the body.</summary>
    void Reply(int xid, Zxid zxid, ErrorCode err, IJuteWritable? body) => Send(new ReplyHeader(xid, zxid, err), body);

    /// <summary>Handshake reply; the connection starts reading requests once it is sent.</summary>
    void SendConnectResponse(ConnectResponse response, bool withReadOnlyByte);

    /// <summary>Closes after everything already sent has been flushed.</summary>
    void Close();
}
