using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Watches;

/// <summary>
/// One-shot data and child watches per path (PROTOCOL.md §5.2–5.3). Notifications are sent to the
/// channel at once, so they precede the reply to the request that caused them.
/// </summary>
internal sealed class WatchManager(Outbox outbox)
{
    private static readonly ReplyHeader s_notificationHeader = new(Xids.Notification, new Protocol.Ids.Zxid(-1), ErrorCode.Ok);

    private readonly WatchTable _data = new();
    private readonly WatchTable _child = new();

    public int DataWatchCount => _data.Count;

    public int ChildWatchCount => _child.Count;

    public void AddData(string path, IClientChannel watcher) => _data.Add(path, watcher);

    public void AddChild(string path, IClientChannel watcher) => _child.Add(path, watcher);

    public bool Has(string path, IClientChannel watcher, WatcherType type) => type switch
    {
        WatcherType.Data => _data.Contains(path, watcher),
        WatcherType.Children => _child.Contains(path, watcher),
        _ => _data.Contains(path, watcher) || _child.Contains(path, watcher),
    };

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
                Notify(change, _data.Take(change.Path), except: null);
                break;
            case EventType.NodeChildrenChanged:
                Notify(change, _child.Take(change.Path), except: null);
                break;
            case EventType.NodeDeleted:
                // Data and child watchers of a deleted node each get one NodeDeleted (§5.3).
                var fired = _data.Take(change.Path);
                Notify(change, fired, except: null);
                Notify(change, _child.Take(change.Path), except: fired);
                break;
        }
    }

    public void Notify(IClientChannel watcher, EventType type, string path) =>
        outbox.Send(watcher, s_notificationHeader, new WatcherEvent(type, KeeperState.SyncConnected, path));

    private void Notify(ChangeEvent change, HashSet<IClientChannel>? watchers, HashSet<IClientChannel>? except)
    {
        if (watchers is null)
            return;
        foreach (var watcher in watchers)
        {
            if (except is null || !except.Contains(watcher))
                Notify(watcher, change.Type, change.Path);
        }
    }
}
