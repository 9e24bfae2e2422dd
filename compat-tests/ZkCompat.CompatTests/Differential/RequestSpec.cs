using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// One request: opcode, record and the reply error code ZooKeeper gives (checked on both servers;
/// null = not checked). <see cref="DynamicBody"/> builds records from connection state (setWatches).
/// </summary>
internal sealed record RequestSpec(OpCode Op, IJuteWritable? Body, ErrorCode? Expect)
{
    /// <summary>Overrides the xid the Java client would use.</summary>
    public int? Xid { get; init; }

    public Func<ScenarioConnection, IJuteWritable?>? DynamicBody { get; init; }

    /// <summary>For multi and multiRead: the error of each result, in order.</summary>
    public IReadOnlyList<ErrorCode>? Results { get; init; }

    public string Describe(RecordText text) =>
        $"{RecordText.Op(Op)} {(DynamicBody is null ? text.Request(Body) : "(from connection state)")}".TrimEnd();

    /// <summary>Picks the xid, records the request line and returns the frame to send.</summary>
    public (int Xid, byte[] Frame) Prepare(ScenarioRun run, ScenarioConnection conn)
    {
        var xid = Xid ?? Op switch
        {
            OpCode.Ping => Xids.Ping,
            OpCode.Auth => Xids.Auth,
            OpCode.SetWatches or OpCode.SetWatches2 => Xids.SetWatches,
            _ => conn.NextXid(),
        };
        var body = DynamicBody is null ? Body : DynamicBody(conn);
        conn.Pending[xid] = Op;
        run.Record($"{conn.Name}> xid={xid} {RecordText.Op(Op)} {run.Text.Request(body)}".TrimEnd());
        // The server answers every ping with xid -2, whatever the request carried (§3.2).
        return (Op == OpCode.Ping ? Xids.Ping : xid, ScenarioRun.EncodeRequest(xid, Op, body));
    }

    public void Verify(ScenarioRun run, ScenarioConnection conn, ReplyHeader? header, byte[] frame)
    {
        if (Op == OpCode.CloseSession && header?.Err == ErrorCode.Ok)
            run.EndedSessions.Add(conn.SessionId);
        if (Expect is not { } expect)
            return;
        if (header is null)
        {
            run.Fail($"{conn.Name}: {RecordText.Op(Op)} got no reply, expected {RecordText.Code(expect)}");
            return;
        }

        if (header.Err != expect)
            run.Fail($"{conn.Name}: {RecordText.Op(Op)} replied {RecordText.Code(header.Err)}, expected {RecordText.Code(expect)}");
        if (Results is not null)
            VerifyResults(run, conn, frame);
    }

    private void VerifyResults(ScenarioRun run, ScenarioConnection conn, byte[] frame)
    {
        var reader = new JuteReader(frame);
        List<ErrorCode> actual;
        try
        {
            ReplyHeader.Read(ref reader);
            actual = MultiResponse.Read(ref reader).Results.Select(r => r.Err).ToList();
        }
        catch (ProtocolException e)
        {
            run.Fail($"{conn.Name}: multi reply does not decode: {e.Message}");
            return;
        }

        if (!actual.SequenceEqual(Results!))
        {
            run.Fail($"{conn.Name}: multi results [{string.Join(", ", actual.Select(RecordText.Code))}], " +
                $"expected [{string.Join(", ", Results!.Select(RecordText.Code))}]");
        }
    }
}
