namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// How a handshake is made (PROTOCOL.md §2). The defaults are a 3.8 client asking for a new session.
/// <see cref="SessionOf"/> names a connection whose session (and last zxid) a reconnect uses.
/// </summary>
internal sealed record ConnectSpec
{
    /// <summary>A 3.4/3.5-style client: no trailing readOnly byte.</summary>
    public bool OldClient { get; init; }

    public bool ReadOnly { get; init; }

    public int TimeoutMs { get; init; } = 10_000;

    public int ProtocolVersion { get; init; }

    public string? SessionOf { get; init; }

    /// <summary>A session id no server handed out.</summary>
    public bool UnknownSession { get; init; }

    public PasswordKind Password { get; init; } = PasswordKind.Right;

    /// <summary>lastZxidSeen one epoch beyond anything the server showed (§2.2 rule 4).</summary>
    public bool ZxidAhead { get; init; }

    /// <summary>Bytes after the record (and readOnly byte) inside the same frame.</summary>
    public byte[]? Trailing { get; init; }

    public ConnectOutcome Expect { get; init; } = ConnectOutcome.Connected;

    /// <summary>Requests sent in the same TCP write as the ConnectRequest.</summary>
    public IReadOnlyList<RequestSpec> Pipelined { get; init; } = [];

    public string Describe()
    {
        var parts = new List<string> { OldClient ? "old-client" : "3.8-client" };
        if (ReadOnly)
            parts.Add("readOnly=true");
        parts.Add($"timeout={TimeoutMs}");
        if (ProtocolVersion != 0)
            parts.Add($"proto={ProtocolVersion}");
        if (SessionOf is not null)
            parts.Add($"session-of={SessionOf}");
        if (UnknownSession)
            parts.Add("unknown-session");
        if (Password != PasswordKind.Right)
            parts.Add($"password={Password}");
        if (ZxidAhead)
            parts.Add("lastZxid=ahead");
        if (Trailing is not null)
            parts.Add($"+{Trailing.Length} trailing bytes");
        if (Pipelined.Count > 0)
            parts.Add($"+{Pipelined.Count} pipelined requests");
        return string.Join(' ', parts);
    }
}
