namespace ZkCompat.Protocol.Ids;

/// <summary>A transaction id: epoch in the high 32 bits, counter in the low 32 bits.</summary>
public readonly record struct Zxid(long Value) : IComparable<Zxid>
{
    public static readonly Zxid Zero = new(0);

    public int Epoch => (int)(Value >> 32);

    public uint Counter => (uint)Value;

    public static Zxid Of(int epoch, uint counter) => new(((long)epoch << 32) | counter);

    public Zxid Next() => new(Value + 1);

    public int CompareTo(Zxid other) => Value.CompareTo(other.Value);

    public static bool operator <(Zxid left, Zxid right) => left.Value < right.Value;

    public static bool operator >(Zxid left, Zxid right) => left.Value > right.Value;

    public static bool operator <=(Zxid left, Zxid right) => left.Value <= right.Value;

    public static bool operator >=(Zxid left, Zxid right) => left.Value >= right.Value;

    public override string ToString() => "0x" + Value.ToString("x");
}
