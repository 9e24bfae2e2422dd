using System.Buffers;
using System.Buffers.Binary;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;

namespace ZkCompat.CompatTests.Mixed;

/// <summary>
/// Leaves in a stopped member's dataDir what a proposal that never committed leaves: one more
/// logged txn (a create of <c>path</c>) after the member's last, in a txn log file of its own, in
/// Java's format (a file header, then Adler-32, length, txn bytes and 'B' per entry). A real
/// orphan needs a network fault this harness does not have; the sync that follows is the real one.
/// </summary>
internal static class OrphanTxn
{
    public static void Append(string dataDir, long zxid, string path)
    {
        var txn = new ArrayBufferWriter<byte>();
        new TxnHeader(new SessionId(0), 0, new Zxid(zxid), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), OpCode.Create).Write(new JuteWriter(txn));
        new CreateTxn(path, "orphan"u8.ToArray(), [new Acl(Perms.All, new Id("world", "anyone"))], false, -1).Write(new JuteWriter(txn));

        var file = new ArrayBufferWriter<byte>();
        var header = file.GetSpan(16);
        BinaryPrimitives.WriteInt32BigEndian(header, 0x5a4b4c47); // "ZKLG"
        BinaryPrimitives.WriteInt32BigEndian(header[4..], 2);
        BinaryPrimitives.WriteInt64BigEndian(header[8..], 0);
        file.Advance(16);
        var entry = file.GetSpan(12);
        BinaryPrimitives.WriteInt64BigEndian(entry, Adler32(txn.WrittenSpan));
        BinaryPrimitives.WriteInt32BigEndian(entry[8..], txn.WrittenCount);
        file.Advance(12);
        file.Write(txn.WrittenSpan);
        file.Write("B"u8);
        File.WriteAllBytes(Path.Combine(dataDir, "version-2", $"log.{zxid:x}"), file.WrittenSpan.ToArray());
    }

    private static long Adler32(ReadOnlySpan<byte> bytes)
    {
        uint a = 1, b = 0;
        foreach (var value in bytes)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }
}
