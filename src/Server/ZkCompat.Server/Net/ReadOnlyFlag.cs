using ZkCompat.Protocol.Jute;

namespace ZkCompat.Server.Net;

/// <summary>The optional readOnly byte that follows a ConnectResponse for clients that sent one (§2.1).</summary>
internal sealed record ReadOnlyFlag(bool Value) : IJuteWritable
{
    public static readonly ReadOnlyFlag False = new(false);

    public void Write(JuteWriter writer) => writer.WriteBool(Value);
}
