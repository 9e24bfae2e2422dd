using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>The reply of whoAmI (§3.3).</summary>
public sealed record WhoAmIResponse(
    List<ClientInfo>? Infos) : IJuteRecord<WhoAmIResponse>
{
    public static WhoAmIResponse Read(ref JuteReader reader) => new(reader.ReadVector(static (ref JuteReader r) => ClientInfo.Read(ref r)));

    public void Write(JuteWriter writer)
    {
        writer.WriteVector(Infos, static (w, x) => x.Write(w));
    }
}
