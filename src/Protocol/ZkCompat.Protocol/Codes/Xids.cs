namespace ZkCompat.Protocol.Codes;

/// <summary>The xids with a fixed meaning (PROTOCOL.md §3.2).</summary>
public static class Xids
{
    public const int Notification = -1;
    public const int Ping = -2;
    public const int Auth = -4;
    public const int SetWatches = -8;
}
