using ZkCompat.Protocol.Codes;
using ZkCompat.Server.Net;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Watches;

/// <summary>
/// path → watchers with their mode, plus the reverse index that makes dropping a connection
/// cheap. A connection has at most one registration per path; the latest registration sets its
/// mode, as in Java.
/// </summary>
internal sealed class WatchTable
{
    private readonly Dictionary<string, Dictionary<IClientChannel, WatchMode>> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<IClientChannel, HashSet<string>> _byWatcher = [];
    private int _recursive;

    public int Count { get; private set; }

    public IEnumerable<(string Path, IClientChannel Watcher)> All =>
        _byPath.SelectMany(p => p.Value.Keys.Select(w => (p.Key, w)));

    public void Add(string path, IClientChannel watcher, WatchMode mode)
    {
        if (!_byPath.TryGetValue(path, out var watchers))
            _byPath[path] = watchers = [];
        if (watchers.TryGetValue(watcher, out var old))
        {
            _recursive -= old == WatchMode.PersistentRecursive ? 1 : 0;
        }
        else
        {
            if (!_byWatcher.TryGetValue(watcher, out var paths))
                _byWatcher[watcher] = paths = new HashSet<string>(StringComparer.Ordinal);
            paths.Add(path);
            Count++;
        }

        watchers[watcher] = mode;
        _recursive += mode == WatchMode.PersistentRecursive ? 1 : 0;
    }

    public bool Contains(string path, IClientChannel watcher) =>
        _byPath.TryGetValue(path, out var watchers) && watchers.ContainsKey(watcher);

    public bool Remove(string path, IClientChannel watcher)
    {
        if (!_byPath.TryGetValue(path, out var watchers) || !watchers.Remove(watcher, out var mode))
            return false;
        Forget(path, watchers, mode);
        if (_byWatcher.TryGetValue(watcher, out var paths))
        {
            paths.Remove(path);
            if (paths.Count == 0)
                _byWatcher.Remove(watcher);
        }

        return true;
    }

    /// <summary>
    /// The watchers an event on <paramref name="path"/> reaches (Java's triggerWatch): registrations
    /// on the path itself, and recursive ones on its ancestors unless the event is
    /// NodeChildrenChanged. Standard registrations that fire are removed.
    /// </summary>
    public HashSet<IClientChannel> Take(string path, EventType type)
    {
        var fired = new HashSet<IClientChannel>();
        var at = path;
        var self = true;
        while (true)
        {
            if (_byPath.TryGetValue(at, out var watchers))
                Collect(at, watchers, type, self, fired);
            if (at == "/" || _recursive == 0)
                return fired;
            at = PathRules.Parent(at);
            self = false;
        }
    }

    public void RemoveAll(IClientChannel watcher)
    {
        if (!_byWatcher.Remove(watcher, out var paths))
            return;
        foreach (var path in paths)
        {
            var watchers = _byPath[path];
            if (watchers.Remove(watcher, out var mode))
                Forget(path, watchers, mode);
        }
    }

    private void Collect(string path, Dictionary<IClientChannel, WatchMode> watchers, EventType type, bool self, HashSet<IClientChannel> fired)
    {
        List<IClientChannel>? spent = null;
        foreach (var (watcher, mode) in watchers)
        {
            if (mode == WatchMode.PersistentRecursive)
            {
                if (type != EventType.NodeChildrenChanged)
                    fired.Add(watcher);
            }
            else if (self)
            {
                fired.Add(watcher);
                if (mode == WatchMode.Standard)
                    (spent ??= []).Add(watcher);
            }
        }

        foreach (var watcher in spent ?? [])
            Remove(path, watcher);
    }

    private void Forget(string path, Dictionary<IClientChannel, WatchMode> watchers, WatchMode mode)
    {
        Count--;
        _recursive -= mode == WatchMode.PersistentRecursive ? 1 : 0;
        if (watchers.Count == 0)
            _byPath.Remove(path);
    }
}
