namespace ZkCompat.CompatTests.Differential;

/// <summary>The passwd a ConnectRequest carries.</summary>
internal enum PasswordKind
{
    /// <summary>The session's own password (16 zero bytes for a new session, as the Java client sends).</summary>
    Right,

    /// <summary>The session's password with every bit flipped.</summary>
    Wrong,

    /// <summary>A null buffer (length −1).</summary>
    Null,
}
