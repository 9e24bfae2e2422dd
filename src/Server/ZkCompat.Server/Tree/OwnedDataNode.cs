using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Server.Tree;

/// <summary>A node with an owner (ephemeral, container or TTL, §7.4): the 8 bytes the others do without.</summary>
internal sealed class OwnedDataNode(byte[]? data, IReadOnlyList<Acl> acls, Zxid zxid, long time, long ephemeralOwner)
    : DataNode(data, acls, zxid, time)
{
    public override long EphemeralOwner { get; } = ephemeralOwner;
}
