using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>One named client connection of a scenario and what a real client would remember about it.</summary>
internal sealed class ScenarioConnection(string name, WireConnection wire)
{
    private int _nextXid = 1;

    public string Name { get; } = name;

    public WireConnection Wire { get; } = wire;

    /// <summary>0 until a handshake gave this connection a session.</summary>
    public long SessionId { get; set; }

    public byte[] Password { get; set; } = new byte[16];

    /// <summary>The largest zxid of a reply, as the Java client tracks it (not pings, auth or notifications).</summary>
    public long LastZxid { get; set; }

    /// <summary>The server closed it, or the scenario dropped it.</summary>
    public bool Closed { get; set; }

    /// <summary>A read ran out of time or the stream broke; later replies would be misattributed.</summary>
    public bool Broken { get; set; }

    public Dictionary<int, OpCode> Pending { get; } = [];

    public bool Usable => !Closed && !Broken;

    public int NextXid() => _nextXid++;

    public void Saw(int xid, long zxid)
    {
        if (xid is not (Xids.Notification or Xids.Ping or Xids.Auth) && zxid > LastZxid)
            LastZxid = zxid;
    }
}
