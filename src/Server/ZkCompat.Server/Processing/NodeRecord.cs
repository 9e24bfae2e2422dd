using ZkCompat.Protocol.Records;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Processing;

/// <summary>What prep needs to know of a node, as it will be once earlier prepared txns apply.</summary>
internal sealed record NodeRecord(IReadOnlyList<Acl> Acls, int Version, int Cversion, int Aversion, long EphemeralOwner, int ChildCount)
{
    public static NodeRecord Of(DataNode node) =>
        new(node.Acls, node.Version, node.Cversion, node.Aversion, node.EphemeralOwner, node.ChildCount);
}
