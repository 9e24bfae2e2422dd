using System.Globalization;
using System.Text;

namespace ZkCompat.Server.Ops;

/// <summary>The text of the four-letter words, line for line as Java 3.8 prints them (PROTOCOL.md §8.3).</summary>
internal static class FourLetterText
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>srvr; stat adds the client list after the version line.</summary>
    public static string Stat(ServerOps ops, EngineView view, bool withClients)
    {
        var stats = ops.Stats;
        var text = new StringBuilder().Append("Zookeeper version: ").Append(ServerOps.Version).Append('\n');
        if (withClients)
        {
            text.Append("Clients:\n");
            foreach (var c in Snapshots(ops))
                text.Append(CultureInfo.InvariantCulture, $" /{c.Remote}[{c.InterestOps}](queued={c.Queued},recved={c.Received},sent={c.Sent})\n");
            text.Append('\n');
        }

        var latency = stats.Latency;
        return text
            .Append(s_inv, $"Latency min/avg/max: {latency.Min}/{JavaText.Double(Metrics.Summary.Round4(latency.Average))}/{latency.Max}\n")
            .Append(s_inv, $"Received: {stats.PacketsReceived}\n")
            .Append(s_inv, $"Sent: {stats.PacketsSent}\n")
            .Append(s_inv, $"Connections: {stats.Connections.Count}\n")
            .Append(s_inv, $"Outstanding: {stats.Outstanding}\n")
            .Append(s_inv, $"Zxid: {JavaText.Hex(view.LastZxid.Value)}\n")
            .Append(s_inv, $"Mode: {ops.Mode}\n")
            .Append(s_inv, $"Node count: {view.NodeCount}\n")
            .ToString();
    }

    public static string Conf(ServerOps ops)
    {
        var o = ops.Options;
        var snapDir = ServerFacts.SnapshotDir(o);
        var logDir = ServerFacts.LogDir(o);
        return new StringBuilder()
            .Append(s_inv, $"clientPort={o.ClientPort}\n")
            .Append("secureClientPort=-1\n")
            .Append(s_inv, $"dataDir={snapDir}\n")
            .Append(s_inv, $"dataDirSize={ServerFacts.DirectorySize(snapDir)}\n")
            .Append(s_inv, $"dataLogDir={logDir}\n")
            .Append(s_inv, $"dataLogSize={ServerFacts.DirectorySize(logDir)}\n")
            .Append(s_inv, $"tickTime={o.TickTimeMs}\n")
            .Append(s_inv, $"maxClientCnxns={o.MaxClientCnxns}\n")
            .Append(s_inv, $"minSessionTimeout={o.EffectiveMinSessionTimeoutMs}\n")
            .Append(s_inv, $"maxSessionTimeout={o.EffectiveMaxSessionTimeoutMs}\n")
            .Append(s_inv, $"clientPortListenBacklog={o.ClientPortListenBacklog}\n")
            // Java's standalone server reports server id 0.
            .Append("serverId=0\n")
            .ToString();
    }

    /// <summary>cons: the long form for connections with a session, the brief one otherwise, then a blank line.</summary>
    public static string Cons(ServerOps ops)
    {
        var text = new StringBuilder();
        foreach (var c in Snapshots(ops))
        {
            text.Append(s_inv, $" /{c.Remote}[{c.InterestOps}](queued={c.Queued},recved={c.Received},sent={c.Sent}");
            if (c.SessionId != 0)
            {
                text.Append(s_inv, $",sid={JavaText.Hex(c.SessionId)},lop={c.LastOp},est={c.EstablishedMs},to={c.SessionTimeoutMs}");
                // Like Java, no lcxid until a request with a real cxid was answered (after crst, say).
                if (c.LastCxid >= 0)
                    text.Append(s_inv, $",lcxid={JavaText.Hex(c.LastCxid)}");
                text.Append(s_inv, $",lzxid={JavaText.Hex(c.LastZxid)},lresp={c.LastResponseMs}")
                    .Append(s_inv, $",llat={c.LastLatencyMs},minlat={c.MinLatencyMs},avglat={(long)c.AvgLatencyMs},maxlat={c.MaxLatencyMs}");
            }

            text.Append(")\n");
        }

        return text.Append('\n').ToString();
    }

    public static string Dump(ServerOps ops, EngineView view)
    {
        var text = new StringBuilder("SessionTracker dump:\n");
        var buckets = view.Sessions.GroupBy(s => s.ExpiresAtMs).OrderBy(b => b.Key).ToList();
        text.Append(s_inv, $"Session Sets ({buckets.Count})/({view.Sessions.Count}):\n");
        foreach (var bucket in buckets)
        {
            text.Append(s_inv, $"{bucket.Count()} expire at {JavaText.Date(ops.WallTimeOf(bucket.Key, view.NowMonotonicMs))}:\n");
            foreach (var session in bucket)
                text.Append(s_inv, $"\t{JavaText.Hex(session.Id)}\n");
        }

        var withEphemerals = view.Sessions.Where(s => s.Ephemerals.Count > 0).ToList();
        text.Append("ephemeral nodes dump:\n").Append(s_inv, $"Sessions with Ephemerals ({withEphemerals.Count}):\n");
        foreach (var session in withEphemerals)
        {
            text.Append(s_inv, $"{JavaText.Hex(session.Id)}:\n");
            foreach (var path in session.Ephemerals)
                text.Append(s_inv, $"\t{path}\n");
        }

        var connections = Snapshots(ops);
        text.Append("Connections dump:\n").Append(s_inv, $"Connections Sets ({(connections.Count > 0 ? 1 : 0)})/({connections.Count}):\n");
        if (connections.Count > 0)
        {
            var idleUntil = ops.Time.GetUtcNow().AddMilliseconds(ops.Options.SessionlessConnectionTimeoutMs);
            text.Append(s_inv, $"{connections.Count} expire at {JavaText.Date(idleUntil)}:\n");
            foreach (var c in connections)
                text.Append(s_inv, $"\tip: /{c.Remote} sessionId: {JavaText.Hex(c.SessionId)}\n");
        }

        return text.ToString();
    }

    /// <summary>wchs: only the data-watch table counts, as in Java (§8.1).</summary>
    public static string WatchSummary(EngineView view) =>
        string.Create(s_inv, $"{view.DataWatches.Select(w => w.SessionId).Distinct().Count()} connections watching {view.DataWatches.Select(w => w.Path).Distinct().Count()} paths\nTotal watches:{view.DataWatches.Count}\n");

    public static string WatchesBySession(EngineView view) => Grouped(view.DataWatches.Select(w => (JavaText.Hex(w.SessionId), w.Path)));

    public static string WatchesByPath(EngineView view) => Grouped(view.DataWatches.Select(w => (w.Path, JavaText.Hex(w.SessionId))));

    /// <summary>hash: Java's digest log, one "&lt;zxid in hex&gt;: &lt;digest&gt;" line each (0 with digest.enabled=false).</summary>
    public static string Digests(EngineView view) =>
        string.Concat(view.Digests.Select(d => string.Create(s_inv, $"{d.Zxid:x}: {d.Digest}\n")));

    public static string Environment() =>
        string.Concat(ServerFacts.Environment().Select(e => $"{e.Key}={e.Value}\n").Prepend("Environment:\n"));

    public static string Dirs(ServerOps ops) => string.Create(s_inv,
        $"datadir_size: {ServerFacts.DirectorySize(ServerFacts.SnapshotDir(ops.Options))}\nlogdir_size: {ServerFacts.DirectorySize(ServerFacts.LogDir(ops.Options))}\n");

    /// <summary>Snapshots sorted by remote address, so repeated dumps read alike.</summary>
    public static List<ConnectionSnapshot> Snapshots(ServerOps ops) =>
        [.. ops.Stats.Connections.Select(c => c.Snapshot()).OrderBy(c => c.EstablishedMs).ThenBy(c => c.Remote, StringComparer.Ordinal)];

    private static string Grouped(IEnumerable<(string Key, string Item)> pairs)
    {
        var text = new StringBuilder();
        foreach (var group in pairs.GroupBy(p => p.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(group.Key).Append('\n');
            foreach (var item in group.Select(p => p.Item).Order(StringComparer.Ordinal))
                text.Append('\t').Append(item).Append('\n');
        }

        return text.Append('\n').ToString();
    }
}
