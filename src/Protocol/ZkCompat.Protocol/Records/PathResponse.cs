using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>The reply of create (CreateResponse) and sync (SyncResponse): one path (§3.3).</summary>
public sealed record PathResponse(
    string Path) : IJuteRecord<PathResponse>
{
    public static PathResponse Read(ref JuteReader reader) => new(reader.ReadString());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
    }
}
