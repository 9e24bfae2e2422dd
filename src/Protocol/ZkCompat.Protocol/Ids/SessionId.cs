namespace ZkCompat.Protocol.Ids;

/// <summary>A client session id; 0 in a ConnectRequest asks for a new session.</summary>
public readonly record struct SessionId(long Value)
{
    public static readonly SessionId None = new(0);

    public override string ToString() => "0x" + Value.ToString("x");
}
