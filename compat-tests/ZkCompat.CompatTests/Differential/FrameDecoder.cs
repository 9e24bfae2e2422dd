using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>Decodes a server frame (reply or notification) into normalized text.</summary>
internal static class FrameDecoder
{
    public static (ReplyHeader? Header, string Text) Decode(byte[] frame, Func<int, OpCode?> opOf, RecordText text, Normalizer n)
    {
        var reader = new JuteReader(frame);
        ReplyHeader header;
        try
        {
            header = ReplyHeader.Read(ref reader);
        }
        catch (ProtocolException)
        {
            return (null, $"short frame 0x{Convert.ToHexStringLower(frame)}");
        }

        var head = $"xid={header.Xid} zxid={n.Zxid(header.Zxid.Value)} err={RecordText.Code(header.Err)}";
        var rest = frame.AsMemory((int)reader.Consumed);
        if (header.Xid == Xids.Notification)
            return (header, $"event {head} {Event(rest, n)}");
        var op = header.Xid switch
        {
            Xids.Ping => OpCode.Ping,
            Xids.Auth => OpCode.Auth,
            Xids.SetWatches => OpCode.SetWatches,
            _ => opOf(header.Xid),
        };
        return (header, $"reply {head}{Body(rest, op, text)}");
    }

    private static string Event(ReadOnlyMemory<byte> rest, Normalizer n)
    {
        var reader = new JuteReader(rest);
        try
        {
            var e = WatcherEvent.Read(ref reader);
            var type = Enum.IsDefined(e.Type) ? $"{e.Type}" : $"type{(int)e.Type}";
            return $"{type} state={(int)e.State} path={n.Path(e.Path)}{Trailing(rest, reader.Consumed)}";
        }
        catch (ProtocolException)
        {
            return $"undecodable 0x{Convert.ToHexStringLower(rest.Span)}";
        }
    }

    private static string Body(ReadOnlyMemory<byte> rest, OpCode? op, RecordText text)
    {
        if (rest.IsEmpty)
            return "";
        if (op is not { } known)
            return $" body(unknown xid)=0x{Convert.ToHexStringLower(rest.Span)}";
        var reader = new JuteReader(rest);
        try
        {
            var body = Requests.ReadResponse(known, ref reader);
            if (body is null)
                return $" +body=0x{Convert.ToHexStringLower(rest.Span)}";
            return " " + text.Body(body) + Trailing(rest, reader.Consumed);
        }
        catch (ProtocolException)
        {
            return $" undecodable-body=0x{Convert.ToHexStringLower(rest.Span)}";
        }
    }

    private static string Trailing(ReadOnlyMemory<byte> rest, long consumed) =>
        consumed < rest.Length ? $" +trailing=0x{Convert.ToHexStringLower(rest.Span[(int)consumed..])}" : "";
}
