using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ZkCompat.Protocol.Codes;

namespace ZkCompat.Bench;

/// <summary>
/// Creates <c>keys</c> znodes of <c>size</c> bytes as ROOT/pop/bNNNN/nNNNNNNN (1000 per parent),
/// spread over the sessions, each with <c>outstanding</c> in flight. Prints the time it took and
/// the last path (what a recovery probe reads).
/// </summary>
internal static class Populate
{
    private const int PerParent = 1000;

    public static string Leaf(string root, int i) =>
        string.Create(CultureInfo.InvariantCulture, $"{root}/pop/b{i / PerParent:D4}/n{i:D7}");

    public static async Task<(string Json, long Failed)> RunAsync(BenchOptions options)
    {
        var context = new BenchContext(options);
        var value = Enumerable.Range(0, options.Size).Select(i => (byte)('a' + (i % 26))).ToArray();
        var clock = Stopwatch.StartNew();
        var sessions = new List<WireSession>();
        for (var i = 0; i < options.Sessions; i++)
            sessions.Add(await context.ConnectAsync(i, null, new SessionStats(context.Window)).ConfigureAwait(false));
        await DataSet.EnsurePathAsync(sessions[0], options.Root + "/pop").ConfigureAwait(false);
        var parents = Enumerable.Range(0, ((options.Keys - 1) / PerParent) + 1)
            .Select(b => Frames.Create(string.Create(CultureInfo.InvariantCulture, $"{options.Root}/pop/b{b:D4}"), [], CreateMode.Persistent));
        var failed = (await BulkRequests.RunAsync(sessions[0], OpKind.Create, parents, options.Outstanding, (int)ErrorCode.NodeExists).ConfigureAwait(false)).Failed;
        var runs = sessions.Select((session, s) => BulkRequests.RunAsync(
            session,
            OpKind.Create,
            Enumerable.Range(0, options.Keys).Where(i => i % sessions.Count == s).Select(i => Frames.Create(Leaf(options.Root, i), value, CreateMode.Persistent)),
            options.Outstanding,
            (int)ErrorCode.NodeExists));
        var results = await Task.WhenAll(runs).ConfigureAwait(false);
        failed += results.Sum(r => r.Failed);
        var seconds = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(sessions.Select(context.CloseAsync)).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("tool", "zkcompat-bench");
            json.WriteString("label", options.Label);
            json.WriteString("workload", "populate");
            json.WriteNumber("keys", options.Keys);
            json.WriteNumber("size", options.Size);
            json.WriteNumber("seconds", Math.Round(seconds, 2));
            json.WriteNumber("ops_per_s", Math.Round(options.Keys / seconds, 1));
            json.WriteNumber("errors_total", failed);
            json.WriteString("last_path", Leaf(options.Root, options.Keys - 1));
            json.WriteEndObject();
        }

        return (System.Text.Encoding.UTF8.GetString(buffer.ToArray()), failed);
    }
}
