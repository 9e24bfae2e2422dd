using ZkCompat.Protocol.Codes;

namespace ZkCompat.Server.Tree;

/// <summary>A change applied to the tree, for the watch manager to turn into notifications (§5.3).</summary>
internal readonly record struct ChangeEvent(EventType Type, string Path);
