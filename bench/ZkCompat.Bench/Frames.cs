using System.Buffers;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Framing;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Bench;

/// <summary>
/// Whole request frames made once with the protocol library and reused: the sender copies one and
/// patches its xid (bytes 4..7), so the hot loop never encodes a path or a value again.
/// </summary>
internal static class Frames
{
    public const int XidOffset = 4;

    public static byte[] GetData(string path, bool watch) => Make(OpCode.GetData, new PathWatchRequest(path, watch));

    public static byte[] SetData(string path, byte[] data) => Make(OpCode.SetData, new SetDataRequest(path, data, -1));

    public static byte[] Create(string path, byte[] data, CreateMode mode) =>
        Make(OpCode.Create, new CreateRequest(path, data, [new Acl(Perms.All, new Id("world", "anyone"))], (int)mode));

    public static byte[] Delete(string path) => Make(OpCode.Delete, new DeleteRequest(path, -1));

    public static byte[] CloseSession() => Make(OpCode.CloseSession, null);

    public static byte[] Ping() => Make(OpCode.Ping, null, Xids.Ping);

    public static byte[] Make(OpCode op, IJuteWritable? body, int xid = 0)
    {
        var output = new ArrayBufferWriter<byte>(64);
        FrameWriter.WriteFrame(output, new RequestHeader(xid, op), body);
        return output.WrittenSpan.ToArray();
    }
}
