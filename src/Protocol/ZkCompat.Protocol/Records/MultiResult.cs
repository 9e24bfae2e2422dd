using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Records;

/// <summary>One result of a multi reply: type -1 (Error) carries an <see cref="ErrorResponse"/>.</summary>
public sealed record MultiResult(OpCode Type, ErrorCode Err, IJuteWritable? Body);
