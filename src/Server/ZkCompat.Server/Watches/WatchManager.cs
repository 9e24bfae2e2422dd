using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Metrics;
using ZkCompat.Server.Net;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Watches;

/// <summary>
/// Data and child watch tables (PROTOCOL.md §5.2–5.3): one-shot, persistent and
/// persistent-recursive. Notifications go to the <see cref="Outbox"/> at once, so they precede the
/// reply to the request that caused them.
/// </summary>
internal sealed class WatchManager(Outbox outbox, MetricRegistry? metrics = null)
{
    private static readonly ReplyHeader s_notificationHeader = new(Xids.Notification, new Protocol.Ids.Zxid(-1), ErrorCode.Ok);

    private readonly WatchTable _data = new();
    private readonly WatchTable _child = new();

    public int DataWatchCount => _data.Count;

    public int ChildWatchCount => _child.Count;

    /// <summary>Every data-table registration (what Java's wchc/wchp/wchs show).</summary>
    public IEnumerable<(string Path, IClientChannel Watcher)> DataWatches => _data.All;

    public void AddData(string path, IClientChannel watcher) => _data.Add(path, watcher, WatchMode.Standard);

    public void AddChild(string path, IClientChannel watcher) => _child.Add(path, watcher, WatchMode.Standard);

    /// <summary>addWatch: a persistent registration sits in both tables (§5.2).</summary>
    public void AddPersistent(string path, IClientChannel watcher, bool recursive)
    {
        var mode = recursive ? WatchMode.PersistentRecursive : WatchMode.Persistent;
        _data.Add(path, watcher, mode);
        _child.Add(path, watcher, mode);
    }

    /// <summary>checkWatches: this connection's registrations on the path in the tables of the type.</summary>
    public bool Has(string path, IClientChannel watcher, WatcherType type) => type switch
    {
        WatcherType.Data => _data.Contains(path, watcher),
        WatcherType.Children => _child.Contains(path, watcher),
        _ => _data.Contains(path, watcher) || _child.Contains(path, watcher),
    };

    /// <summary>removeWatches: drops the registrations of the type, whatever their mode (§5.5).</summary>
    public bool Remove(string path, IClientChannel watcher, WatcherType type)
    {
        var data = type != WatcherType.Children && _data.Remove(path, watcher);
        var child = type != WatcherType.Data && _child.Remove(path, watcher);
        return data || child;
    }

    public void RemoveAll(IClientChannel watcher)
    {
        _data.RemoveAll(watcher);
        _child.RemoveAll(watcher);
    }

    public void Trigger(ChangeEvent change)
    {
        switch (change.Type)
        {
            case EventType.NodeCreated or EventType.NodeDataChanged:
                Notify(change, Take(_data, change), except: null);
                break;
            case EventType.NodeChildrenChanged:
                Notify(change, Take(_child, change), except: null);
                break;
            case EventType.NodeDeleted:
                // Data and child watchers of a deleted node each get one NodeDeleted (§5.3).
                var fired = Take(_data, change);
                Notify(change, fired, except: null);
                Notify(change, Take(_child, change), except: fired);
                break;
        }
    }

    /// <summary>The watchers one table fires, counted per table as Java's two WatchManagers count them.</summary>
    private HashSet<IClientChannel> Take(WatchTable table, ChangeEvent change)
    {
        var fired = table.Take(change.Path, change.Type);
        metrics?.WatchesFired(change.Type, fired.Count);
        return fired;
    }

    public void Notify(IClientChannel watcher, EventType type, string path) =>
        outbox.Send(watcher, s_notificationHeader, new WatcherEvent(type, KeeperState.SyncConnected, path));

    private void Notify(ChangeEvent change, HashSet<IClientChannel> watchers, HashSet<IClientChannel>? except)
    {
        foreach (var watcher in watchers)
        {
            if (except is null || !except.Contains(watcher))
                Notify(watcher, change.Type, change.Path);
        }
    }
}
