using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>setWatches2 (§5.4).</summary>
public sealed record SetWatches2(
    Zxid RelativeZxid,
    List<string>? DataWatches,
    List<string>? ExistWatches,
    List<string>? ChildWatches,
    List<string>? PersistentWatches,
    List<string>? PersistentRecursiveWatches) : IJuteRecord<SetWatches2>
{
    public static SetWatches2 Read(ref JuteReader reader)
    {
        var relativeZxid = new Zxid(reader.ReadLong());
        var dataWatches = reader.ReadStringVector();
        var existWatches = reader.ReadStringVector();
        var childWatches = reader.ReadStringVector();
        var persistentWatches = reader.ReadStringVector();
        var persistentRecursiveWatches = reader.ReadStringVector();
        return new(relativeZxid, dataWatches, existWatches, childWatches, persistentWatches, persistentRecursiveWatches);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteLong(RelativeZxid.Value);
        writer.WriteStringVector(DataWatches);
        writer.WriteStringVector(ExistWatches);
        writer.WriteStringVector(ChildWatches);
        writer.WriteStringVector(PersistentWatches);
        writer.WriteStringVector(PersistentRecursiveWatches);
    }
}
