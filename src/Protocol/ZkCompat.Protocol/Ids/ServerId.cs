namespace ZkCompat.Protocol.Ids;

/// <summary>A server's myid.</summary>
public readonly record struct ServerId(long Value)
{
    public override string ToString() => Value.ToString();
}
