using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Server.Net;

/// <summary>
/// Everything the apply loop says to clients passes through here. While txns of the current batch
/// are not yet durable, replies, notifications and closes are held back in order; nothing leaves
/// the process that depends on a write the disk does not have yet.
/// </summary>
internal sealed class Outbox
{
    private readonly List<Message> _held = [];
    private bool _holding;

    /// <summary>From now on, hold everything until <see cref="Release"/>.</summary>
    public void Hold() => _holding = true;

    /// <summary>Sends what was held, in order, and stops holding.</summary>
    public void Release()
    {
        _holding = false;
        foreach (var message in _held)
            Deliver(message);
        _held.Clear();
    }

    /// <summary>Drops what was held: its txns never became durable (fail-stop).</summary>
    public void Discard()
    {
        _holding = false;
        _held.Clear();
    }

    public void Send(IClientChannel ch, IJuteWritable header, IJuteWritable? body) => Post(new Message(ch, header, body, Kind.Frame));

    /// <summary>A reply: its header travels as values, so answering a request allocates no header record.</summary>
    public void Reply(IClientChannel ch, int xid, Zxid zxid, ErrorCode err, IJuteWritable? body) =>
        Post(new Message(ch, null, body, Kind.Reply, xid, zxid, err));

    public void Connected(IClientChannel ch, ConnectResponse response, bool withReadOnlyByte) =>
        Post(new Message(ch, response, null, withReadOnlyByte ? Kind.ConnectedWithReadOnly : Kind.Connected));

    public void Close(IClientChannel ch) => Post(new Message(ch, null, null, Kind.Close));

    private void Post(Message message)
    {
        if (_holding)
            _held.Add(message);
        else
            Deliver(message);
    }

    private static void Deliver(Message m)
    {
        switch (m.Kind)
        {
            case Kind.Reply:
                m.Channel.Reply(m.Xid, m.Zxid, m.Err, m.Body);
                break;
            case Kind.Frame:
                m.Channel.Send(m.Header!, m.Body);
                break;
            case Kind.Connected or Kind.ConnectedWithReadOnly:
                m.Channel.SendConnectResponse((ConnectResponse)m.Header!, m.Kind == Kind.ConnectedWithReadOnly);
                break;
            default:
                m.Channel.Close();
                break;
        }
    }

    private enum Kind
    {
        Reply,
        Frame,
        Connected,
        ConnectedWithReadOnly,
        Close,
    }

    private readonly record struct Message(IClientChannel Channel, IJuteWritable? Header, IJuteWritable? Body, Kind Kind, int Xid = 0, Zxid Zxid = default, ErrorCode Err = ErrorCode.Ok);
}
