using System.Buffers;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// A txn as bytes, exactly as in proposals and the log (PROTOCOL.md §11.9): TxnHeader, the txn
/// record, then a TxnDigest for every txn but an error txn.
/// </summary>
internal static class TxnCodec
{
    public const int DigestVersion = 2;

    public static void Write(ArrayBufferWriter<byte> output, Txn txn, long? treeDigest)
    {
        var writer = new JuteWriter(output);
        txn.Header.Write(writer);
        txn.Record?.Write(writer);
        if (txn.Header.Type != OpCode.Error && treeDigest is { } digest)
            new TxnDigest(DigestVersion, digest).Write(writer);
    }

    /// <summary>Decodes one txn; the digest, when present, is returned too.</summary>
    public static (Txn Txn, TxnDigest? Digest) Read(ReadOnlyMemory<byte> bytes)
    {
        var reader = new JuteReader(bytes);
        var txn = ReadTxn(ref reader);
        TxnDigest? digest = reader.Remaining >= 12 ? TxnDigest.Read(ref reader) : null;
        return (txn, digest);
    }

    /// <summary>
    /// The txn's bytes without a trailing TxnDigest: what a member with digest.enabled=false logs
    /// of a leader's proposal (Java reads the txn without its digest and writes it again).
    /// </summary>
    public static byte[] WithoutDigest(byte[] bytes)
    {
        var reader = new JuteReader(bytes);
        ReadTxn(ref reader);
        return reader.Remaining >= 12 ? bytes[..(int)reader.Consumed] : bytes;
    }

    private static Txn ReadTxn(ref JuteReader reader)
    {
        var header = TxnHeader.Read(ref reader);
        var record = header.Type switch
        {
            OpCode.CreateSession => CreateSessionTxn.Read(ref reader),
            // 3.5 logs have no body for closeSession; the session's ephemerals are then implied.
            OpCode.CloseSession => reader.End ? null : CloseSessionTxn.Read(ref reader),
            OpCode.Multi => ReadMulti(ref reader),
            _ => ReadRecord(header.Type, ref reader),
        };
        return new Txn(header, record);
    }

    private static MultiOps ReadMulti(ref JuteReader reader)
    {
        var txn = MultiTxn.Read(ref reader);
        var ops = new List<(OpCode, IJuteWritable)>();
        foreach (var sub in txn.Txns ?? [])
        {
            var subReader = new JuteReader(sub.Data ?? []);
            ops.Add((sub.Type, ReadRecord(sub.Type, ref subReader)));
        }

        return new MultiOps(ops);
    }

    private static IJuteWritable ReadRecord(OpCode type, ref JuteReader reader) => type switch
    {
        OpCode.Create or OpCode.Create2 => CreateTxn.Read(ref reader),
        OpCode.CreateContainer => CreateContainerTxn.Read(ref reader),
        OpCode.CreateTtl => CreateTtlTxn.Read(ref reader),
        OpCode.Delete or OpCode.DeleteContainer => DeleteTxn.Read(ref reader),
        OpCode.SetData or OpCode.Reconfig => SetDataTxn.Read(ref reader),
        OpCode.SetAcl => SetAclTxn.Read(ref reader),
        OpCode.Check => CheckVersionTxn.Read(ref reader),
        OpCode.Error => ErrorTxn.Read(ref reader),
        _ => throw new ProtocolException($"Unsupported Txn with type={(int)type}"),
    };
}
