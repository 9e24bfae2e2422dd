using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>One op of a multi or multiRead request: its type and request record.</summary>
public sealed record MultiOp(OpCode Type, IJuteWritable Request);
