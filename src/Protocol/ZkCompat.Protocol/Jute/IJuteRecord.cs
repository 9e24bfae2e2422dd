namespace ZkCompat.Protocol.Jute;

/// <summary>Anything that serializes itself as a Jute record.</summary>
public interface IJuteWritable
{
    void Write(JuteWriter writer);
}

/// <summary>A Jute record that can also be read back.</summary>
public interface IJuteRecord<TSelf> : IJuteWritable
    where TSelf : IJuteRecord<TSelf>
{
    static abstract TSelf Read(ref JuteReader reader);
}
