using System.Buffers;
using System.Buffers.Binary;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>Opens a connection named <c>name</c> and makes a handshake as <see cref="ConnectSpec"/> says.</summary>
internal sealed class ConnectStep(string name, ConnectSpec spec) : Step
{
    /// <summary>Looks like a standalone session id (high byte 1) but no server made it.</summary>
    private const long UnknownSessionId = 0x01000000deadbeefL;

    public override string Describe() => $"{name}: connect {spec.Describe()}";

    public override async Task RunAsync(ScenarioRun run)
    {
        var (sessionId, password, lastZxid) = Credentials(run);
        var conn = await run.OpenAsync(name);
        conn.LastZxid = lastZxid;
        if (spec.SessionOf is not null)
            (conn.SessionId, conn.Password) = (sessionId, password ?? []);

        var zxidText = spec.ZxidAhead ? "ahead" : run.N.KnownZxid(lastZxid);
        run.Record($"{name}> connect {(spec.OldClient ? "old-client" : $"ro={(spec.ReadOnly ? 1 : 0)}")} proto={spec.ProtocolVersion} " +
            $"lastZxid={zxidText} timeout={spec.TimeoutMs} session={run.N.Session(sessionId)} " +
            $"passwd={SessionPassword.Describe(sessionId, password)}{(spec.Trailing is null ? "" : $" +{spec.Trailing.Length} bytes")}");
        var prepared = spec.Pipelined.Select(s => s.Prepare(run, conn)).ToList();
        var bytes = ConnectFrame(sessionId, password, lastZxid).Concat(prepared.SelectMany(p => p.Frame)).ToArray();
        if (!await run.SendAsync(conn, bytes))
            return;

        var outcome = await ReadResponseAsync(run, conn);
        if (outcome != spec.Expect)
            run.Fail($"{name}: handshake {outcome}, expected {spec.Expect}");
        if (outcome == ConnectOutcome.Expired)
            await run.ReadOneAsync(conn, ScenarioRun.ReplyBound); // the server closes after the all-zero response
        if (prepared.Count > 0)
            await PipelineStep.ReadRepliesAsync(run, conn, spec.Pipelined, prepared.Select(p => p.Xid).ToList());
    }

    private (long SessionId, byte[]? Password, long LastZxid) Credentials(ScenarioRun run)
    {
        long sessionId = 0;
        byte[]? password = new byte[16];
        long lastZxid = 0;
        if (spec.SessionOf is not null)
        {
            var source = run.Conn(spec.SessionOf);
            (sessionId, password, lastZxid) = (source.SessionId, source.Password, source.LastZxid);
        }

        if (spec.UnknownSession)
            (sessionId, password) = (UnknownSessionId, SessionPassword.Derive(UnknownSessionId));
        if (spec.ZxidAhead)
            lastZxid = run.MaxZxid + (1L << 32);
        password = spec.Password switch
        {
            PasswordKind.Wrong => password!.Select(b => (byte)~b).ToArray(),
            PasswordKind.Null => null,
            _ => password,
        };
        return (sessionId, password, lastZxid);
    }

    private byte[] ConnectFrame(long sessionId, byte[]? password, long lastZxid)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new JuteWriter(output);
        writer.WriteInt(0); // frame length, patched below
        new ConnectRequest(spec.ProtocolVersion, new Zxid(lastZxid), spec.TimeoutMs, new SessionId(sessionId), password).Write(writer);
        if (!spec.OldClient)
            writer.WriteBool(spec.ReadOnly);
        if (spec.Trailing is not null)
            writer.WriteRaw(spec.Trailing);
        var frame = output.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
        return frame;
    }

    private static async Task<ConnectOutcome?> ReadResponseAsync(ScenarioRun run, ScenarioConnection conn)
    {
        var read = await conn.Wire.ReadFrameAsync(ScenarioRun.ReplyBound);
        switch (read.Kind)
        {
            case WireReadKind.Frame:
                return Decode(run, conn, read.Bytes);
            case WireReadKind.Closed:
                run.Record($"{conn.Name}< closed without a ConnectResponse{(read.Bytes.Length > 0 ? $" (0x{Convert.ToHexStringLower(read.Bytes)})" : "")}");
                conn.Closed = true;
                return ConnectOutcome.ClosedWithoutReply;
            default:
                run.Record($"{conn.Name}< no ConnectResponse ({read.Kind})");
                conn.Broken = true;
                return null;
        }
    }

    private static ConnectOutcome? Decode(ScenarioRun run, ScenarioConnection conn, byte[] frame)
    {
        var reader = new JuteReader(frame);
        try
        {
            var response = ConnectResponse.Read(ref reader);
            var ro = reader.TryReadBool(out var readOnly) ? (readOnly ? "1" : "0") : "none";
            var trailing = reader.End ? "" : $" +trailing=0x{Convert.ToHexStringLower(frame.AsSpan((int)reader.Consumed))}";
            var id = response.SessionId.Value;
            run.Record($"{conn.Name}< connected len={frame.Length} proto={response.ProtocolVersion} timeout={response.TimeoutMs} " +
                $"session={run.N.Session(id)} passwd={SessionPassword.Describe(id, response.Password)} ro={ro}{trailing}");
            if (response.TimeoutMs <= 0 || id == 0)
                return ConnectOutcome.Expired;
            conn.SessionId = id;
            conn.Password = response.Password ?? [];
            if (!run.Sessions.Exists(s => s.Id == id))
                run.Sessions.Add((id, conn.Password));
            return ConnectOutcome.Connected;
        }
        catch (ProtocolException)
        {
            run.Record($"{conn.Name}< undecodable ConnectResponse 0x{Convert.ToHexStringLower(frame)}");
            conn.Broken = true;
            return null;
        }
    }
}
