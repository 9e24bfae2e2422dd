namespace ZkCompat.CompatTests.Differential;

/// <summary>What ZooKeeper does with a handshake.</summary>
internal enum ConnectOutcome
{
    /// <summary>A ConnectResponse with a session and a positive timeout.</summary>
    Connected,

    /// <summary>The all-zero response of an unknown, expired or wrongly authenticated session, then close.</summary>
    Expired,

    /// <summary>Closed without any response.</summary>
    ClosedWithoutReply,
}
