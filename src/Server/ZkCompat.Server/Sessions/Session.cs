namespace ZkCompat.Server.Sessions;

/// <summary>A client session known to the tracker.</summary>
internal sealed class Session(long id, int timeoutMs)
{
    public long Id { get; } = id;

    /// <summary>The timeout the session was created with; reconnects do not change it (§2.2 7c).</summary>
    public int TimeoutMs { get; } = timeoutMs;

    /// <summary>The timeout negotiated by the current connection, used for touches (§2.2 7c).</summary>
    public int TouchTimeoutMs { get; set; } = timeoutMs;

    public long ExpiresAtMs { get; set; }

    public bool Closing { get; set; }

    /// <summary>The connection currently attached to the session, if any.</summary>
    public object? Owner { get; set; }
}
