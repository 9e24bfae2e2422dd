using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>reconfig (§3.3).</summary>
public sealed record ReconfigRequest(
    string? JoiningServers,
    string? LeavingServers,
    string? NewMembers,
    long CurConfigId) : IJuteRecord<ReconfigRequest>
{
    public static ReconfigRequest Read(ref JuteReader reader)
    {
        var joiningServers = reader.ReadNullableString();
        var leavingServers = reader.ReadNullableString();
        var newMembers = reader.ReadNullableString();
        var curConfigId = reader.ReadLong();
        return new(joiningServers, leavingServers, newMembers, curConfigId);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteString(JoiningServers);
        writer.WriteString(LeavingServers);
        writer.WriteString(NewMembers);
        writer.WriteLong(CurConfigId);
    }
}
