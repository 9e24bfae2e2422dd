using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>setWatches (§5.4).</summary>
public sealed record SetWatches(
    Zxid RelativeZxid,
    List<string>? DataWatches,
    List<string>? ExistWatches,
    List<string>? ChildWatches) : IJuteRecord<SetWatches>
{
    public static SetWatches Read(ref JuteReader reader)
    {
        var relativeZxid = new Zxid(reader.ReadLong());
        var dataWatches = reader.ReadStringVector();
        var existWatches = reader.ReadStringVector();
        var childWatches = reader.ReadStringVector();
        return new(relativeZxid, dataWatches, existWatches, childWatches);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteLong(RelativeZxid.Value);
        writer.WriteStringVector(DataWatches);
        writer.WriteStringVector(ExistWatches);
        writer.WriteStringVector(ChildWatches);
    }
}
