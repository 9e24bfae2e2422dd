using System.Globalization;
using ZkCompat.Protocol.Codes;

namespace ZkCompat.Bench;

/// <summary>Setup helpers: paths made with their ancestors, key sets created and given their value.</summary>
internal static class DataSet
{
    private const int Window = 200;

    /// <summary>Creates <paramref name="path"/> and every missing ancestor (persistent, empty).</summary>
    public static async Task EnsurePathAsync(WireSession session, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var frames = Enumerable.Range(1, parts.Length)
            .Select(n => Frames.Create("/" + string.Join('/', parts.Take(n)), [], CreateMode.Persistent));
        foreach (var frame in frames)
        {
            // One at a time: a parent must exist before its child is created.
            (await BulkRequests.RunAsync(session, OpKind.Create, [frame], 1, (int)ErrorCode.NodeExists).ConfigureAwait(false))
                .ThrowOnFailure($"creating {path}");
        }
    }

    public static string Key(string root, int i) => string.Create(CultureInfo.InvariantCulture, $"{root}/data/k{i:D7}");

    /// <summary>Makes keys 0..count-1 exist and hold <paramref name="value"/>.</summary>
    public static async Task PrepareKeysAsync(WireSession session, string root, int count, byte[] value)
    {
        await EnsurePathAsync(session, root + "/data").ConfigureAwait(false);
        var keys = Enumerable.Range(0, count).Select(i => Key(root, i)).ToList();
        (await BulkRequests.RunAsync(session, OpKind.Create, keys.Select(k => Frames.Create(k, value, CreateMode.Persistent)), Window, (int)ErrorCode.NodeExists).ConfigureAwait(false))
            .ThrowOnFailure("creating keys");
        (await BulkRequests.RunAsync(session, OpKind.Write, keys.Select(k => Frames.SetData(k, value)), Window).ConfigureAwait(false))
            .ThrowOnFailure("setting key values");
    }

    /// <summary>Deletes leftovers of an earlier, interrupted run (missing ones are fine).</summary>
    public static async Task DeleteAsync(WireSession session, IEnumerable<string> paths) =>
        (await BulkRequests.RunAsync(session, OpKind.Delete, paths.Select(Frames.Delete), Window, (int)ErrorCode.NoNode).ConfigureAwait(false))
            .ThrowOnFailure("deleting leftovers");
}
