using ZkCompat.Protocol.Ids;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Persistence;

/// <summary>What the data directory held: the tree, the live sessions and the last zxid.</summary>
internal sealed record RecoveredState(DataTree Tree, Dictionary<long, int> Sessions, Zxid LastZxid);
