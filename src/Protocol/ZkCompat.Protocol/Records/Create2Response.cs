using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>The reply of create2, createContainer and createTTL (§3.3).</summary>
public sealed record Create2Response(
    string Path,
    Stat Stat) : IJuteRecord<Create2Response>
{
    public static Create2Response Read(ref JuteReader reader)
    {
        var path = reader.ReadString();
        var stat = Stat.Read(ref reader);
        return new(path, stat);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        Stat.Write(writer);
    }
}
