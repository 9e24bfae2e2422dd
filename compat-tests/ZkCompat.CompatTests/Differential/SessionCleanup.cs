using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// Closes every session a scenario left open, and waits for each close to be applied, so no session
/// of one scenario expires during a later one (that would add zxids and events to its transcript).
/// Nothing here is recorded.
/// </summary>
internal static class SessionCleanup
{
    public static async Task EndAllAsync(ScenarioRun run)
    {
        foreach (var (id, password) in run.Sessions)
        {
            if (run.EndedSessions.Contains(id))
                continue;
            try
            {
                var owner = run.Connections.Values.FirstOrDefault(c => c.SessionId == id && c.Usable);
                if (owner is null || !await CloseOnAsync(owner.Wire, owner.NextXid()))
                    await ReconnectAndCloseAsync(run, id, password);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                // The server is gone or stuck; the next scenario's server check reports it.
            }
        }
    }

    private static async Task ReconnectAndCloseAsync(ScenarioRun run, long id, byte[] password)
    {
        await using var wire = await WireConnection.OpenAsync(run.Host, run.Port, ScenarioRun.ReplyBound);
        var output = new ArrayBufferWriter<byte>();
        var writer = new JuteWriter(output);
        writer.WriteInt(0);
        new ConnectRequest(0, Zxid.Zero, 10_000, new SessionId(id), password).Write(writer);
        writer.WriteBool(false);
        var frame = output.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
        if (!await wire.SendAsync(frame, ScenarioRun.ReplyBound))
            return;
        var response = await wire.ReadFrameAsync(ScenarioRun.ReplyBound);
        // timeOut (bytes 4..8) is 0 when the session is already gone.
        if (response.Kind != WireReadKind.Frame || response.Bytes.Length < 8 || BinaryPrimitives.ReadInt32BigEndian(response.Bytes.AsSpan(4)) <= 0)
            return;
        await CloseOnAsync(wire, 1);
    }

    /// <summary>Sends closeSession and reads past notifications to its reply; false if the connection failed first.</summary>
    private static async Task<bool> CloseOnAsync(WireConnection wire, int xid)
    {
        if (!await wire.SendAsync(ScenarioRun.EncodeRequest(xid, OpCode.CloseSession, null), ScenarioRun.ReplyBound))
            return false;
        while (true)
        {
            var read = await wire.ReadFrameAsync(ScenarioRun.ReplyBound);
            if (read.Kind != WireReadKind.Frame)
                return false;
            if (read.Bytes.Length >= 4 && BinaryPrimitives.ReadInt32BigEndian(read.Bytes) == xid)
                return true;
        }
    }
}
