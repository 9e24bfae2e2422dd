using ZkCompat.Protocol.Ids;

namespace ZkCompat.Server.Tree;

/// <summary>
/// The part of a <see cref="DataNode"/> only parents need: its children's paths, the zxid of the
/// last change to them (pzxid) and the count of creations under it (cversion). A node gets one
/// when it first has a child or those two differ from a leaf's (pzxid = czxid, cversion 0).
/// </summary>
internal sealed class NodeFamily
{
    public HashSet<byte[]>? Children { get; set; }

    public Zxid Pzxid { get; set; }

    public int Cversion { get; set; }
}
