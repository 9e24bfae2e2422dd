using ZkCompat.Server.Net;

namespace ZkCompat.Server.Watches;

/// <summary>path → watchers, with the reverse index that makes dropping a connection cheap.</summary>
internal sealed class WatchTable
{
    private readonly Dictionary<string, HashSet<IClientChannel>> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<IClientChannel, HashSet<string>> _byWatcher = [];

    public int Count { get; private set; }

    public void Add(string path, IClientChannel watcher)
    {
        if (!_byPath.TryGetValue(path, out var watchers))
            _byPath[path] = watchers = [];
        if (!watchers.Add(watcher))
            return;
        if (!_byWatcher.TryGetValue(watcher, out var paths))
            _byWatcher[watcher] = paths = new HashSet<string>(StringComparer.Ordinal);
        paths.Add(path);
        Count++;
    }

    public bool Contains(string path, IClientChannel watcher) =>
        _byPath.TryGetValue(path, out var watchers) && watchers.Contains(watcher);

    public bool Remove(string path, IClientChannel watcher)
    {
        if (!_byPath.TryGetValue(path, out var watchers) || !watchers.Remove(watcher))
            return false;
        if (watchers.Count == 0)
            _byPath.Remove(path);
        ForgetPath(watcher, path);
        Count--;
        return true;
    }

    /// <summary>Removes and returns the watchers of a path: standard watches fire once.</summary>
    public HashSet<IClientChannel>? Take(string path)
    {
        if (!_byPath.Remove(path, out var watchers))
            return null;
        foreach (var watcher in watchers)
            ForgetPath(watcher, path);
        Count -= watchers.Count;
        return watchers;
    }

    public void RemoveAll(IClientChannel watcher)
    {
        if (!_byWatcher.Remove(watcher, out var paths))
            return;
        foreach (var path in paths)
        {
            var watchers = _byPath[path];
            watchers.Remove(watcher);
            if (watchers.Count == 0)
                _byPath.Remove(path);
            Count--;
        }
    }

    private void ForgetPath(IClientChannel watcher, string path)
    {
        if (_byWatcher.TryGetValue(watcher, out var paths))
        {
            paths.Remove(path);
            if (paths.Count == 0)
                _byWatcher.Remove(watcher);
        }
    }
}
