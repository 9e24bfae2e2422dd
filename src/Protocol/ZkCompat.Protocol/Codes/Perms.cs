namespace ZkCompat.Protocol.Codes;

/// <summary>ACL permission bits (PROTOCOL.md §6.1).</summary>
[Flags]
public enum Perms
{
    None = 0,
    Read = 1,
    Write = 2,
    Create = 4,
    Delete = 8,
    Admin = 16,
    All = 31,
}
