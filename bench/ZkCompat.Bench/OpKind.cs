namespace ZkCompat.Bench;

/// <summary>What one measured operation was; each kind has its own histogram.</summary>
internal enum OpKind
{
    Read,
    Write,
    Create,
    Delete,
    Notify,
    Connect,
    Close,
}
