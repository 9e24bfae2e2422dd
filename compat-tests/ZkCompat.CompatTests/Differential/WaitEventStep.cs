using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.CompatTests.Differential;

/// <summary>Reads the next frame of a connection, which must be the watch notification ZooKeeper sends.</summary>
internal sealed class WaitEventStep(string conn, EventType type, string path, string shownPath, TimeSpan bound) : Step
{
    public override string Describe() => $"{conn}: wait for {type} {shownPath}";

    public override async Task RunAsync(ScenarioRun run)
    {
        var c = run.Conn(conn);
        if (!run.CheckUsable(c))
            return;
        var (header, frame, ok) = await run.ReadOneAsync(c, bound);
        if (!ok || header is null || header.Xid != Xids.Notification)
        {
            run.Fail($"{conn}: expected a {type} notification for {shownPath}");
            return;
        }

        var reader = new JuteReader(frame);
        ReplyHeader.Read(ref reader);
        try
        {
            var e = WatcherEvent.Read(ref reader);
            if (e.Type != type || e.Path != path)
                run.Fail($"{conn}: got {e.Type} {run.N.Path(e.Path)}, expected {type} {shownPath}");
        }
        catch (ProtocolException ex)
        {
            run.Fail($"{conn}: notification does not decode: {ex.Message}");
        }
    }
}
