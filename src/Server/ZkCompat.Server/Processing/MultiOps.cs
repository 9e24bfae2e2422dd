using System.Buffers;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Txn;

namespace ZkCompat.Server.Processing;

/// <summary>
/// The record of a multi txn, kept typed for applying; it serializes as Java's MultiTxn, each
/// sub-record inside a buffer (§11.9).
/// </summary>
internal sealed record MultiOps(List<(OpCode Type, IJuteWritable Record)> Ops) : IJuteWritable
{
    public bool Failed => Ops.Exists(op => op.Type == OpCode.Error);

    public void Write(JuteWriter writer)
    {
        var txns = new List<SubTxn>(Ops.Count);
        foreach (var (type, record) in Ops)
        {
            var buffer = new ArrayBufferWriter<byte>();
            record.Write(new JuteWriter(buffer));
            txns.Add(new SubTxn(type, buffer.WrittenSpan.ToArray()));
        }

        new MultiTxn(txns).Write(writer);
    }
}
