using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>Precedes every reply and notification (§3.1).</summary>
public sealed record ReplyHeader(
    int Xid,
    Zxid Zxid,
    ErrorCode Err) : IJuteRecord<ReplyHeader>
{
    public static ReplyHeader Read(ref JuteReader reader)
    {
        var xid = reader.ReadInt();
        var zxid = new Zxid(reader.ReadLong());
        var err = (ErrorCode)reader.ReadInt();
        return new(xid, zxid, err);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(Xid);
        writer.WriteLong(Zxid.Value);
        writer.WriteInt((int)Err);
    }
}
