using ZkCompat.Protocol.Jute;

namespace ZkCompat.CompatTests.Differential;

/// <summary>Request bytes no record can express (bad UTF-8, truncated fields); written as they are.</summary>
internal sealed record RawBody(byte[] Bytes, string What) : IJuteWritable
{
    public void Write(JuteWriter writer) => writer.WriteRaw(Bytes);

    public string Describe() => $"raw({What}, {Bytes.Length} bytes)";
}
