import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Quotas;
import org.apache.zookeeper.StatsTrack;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.cli.SetQuotaCommand;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.recipes.lock.LockListener;
import org.apache.zookeeper.recipes.lock.WriteLock;

/**
 * The official Java client (Debian's libzookeeper-java 3.8.0) and its bundled lock recipe.
 * Usage: java ZkClientMatrix HOST:PORT [CASE ...]
 */
public final class ZkClientMatrix {
    private static final int SESSION_MS = 10_000;

    private ZkClientMatrix() {
    }

    public static void main(String[] args) throws Exception {
        Matrix matrix = new Matrix("java")
            .add("crud", ZkClientMatrix::crud)
            .add("ephemeral-sequential", ZkClientMatrix::ephemeralSequential)
            .add("watches", ZkClientMatrix::watches)
            .add("multi", ZkClientMatrix::multi)
            .add("async", ZkClientMatrix::async)
            .add("acl", ZkClientMatrix::acl)
            .add("remove-watches", ZkClientMatrix::removeWatches)
            .add("lock-recipe", ZkClientMatrix::lockRecipe)
            .add("persistent-recursive-watch", ZkClientMatrix::persistentRecursiveWatch)
            .add("quota-stats", ZkClientMatrix::quotaStats)
            .add("stat-fields", ZkClientMatrix::statFields);
        System.exit(matrix.run(args[0], Arrays.asList(args).subList(1, args.length)));
    }

    /** A connected client whose default watcher puts every node event on {@code events}. */
    static ZooKeeper connect(String connect, BlockingQueue<WatchedEvent> events) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connect, SESSION_MS, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected && e.getType() == EventType.None) {
                connected.countDown();
            } else if (e.getType() != EventType.None && events != null) {
                events.add(e);
            }
        });
        Matrix.await(connected, "SyncConnected");
        return zk;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static String describe(WatchedEvent e) {
        return e.getType() + " " + e.getPath();
    }

    static void crud(String connect, String root) throws Exception {
        ZooKeeper zk = connect(connect, null);
        try {
            Matrix.checkEqual(root, zk.create(root, bytes("one"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT), "create returns the path");
            Stat stat = new Stat();
            Matrix.checkEqual("one", text(zk.getData(root, false, stat)), "getData");
            Matrix.checkEqual(0, stat.getVersion(), "new node's version");
            Matrix.checkEqual(3, stat.getDataLength(), "dataLength");
            Matrix.checkEqual(stat.getCzxid(), stat.getMzxid(), "czxid == mzxid before any set");
            Stat set = zk.setData(root, bytes("two"), 0);
            Matrix.checkEqual(1, set.getVersion(), "version after setData");
            Matrix.check(set.getMzxid() > stat.getMzxid(), "mzxid grows on setData");
            Matrix.expectThrows(KeeperException.BadVersionException.class, "setData with a stale version",
                () -> zk.setData(root, bytes("x"), 0));
            Matrix.expectThrows(KeeperException.NodeExistsException.class, "create twice",
                () -> zk.create(root, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            Matrix.expectThrows(KeeperException.NoNodeException.class, "create without a parent",
                () -> zk.create(root + "/no/parent", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            for (String child : new String[] {"b", "a", "c"}) {
                zk.create(root + "/" + child, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
            List<String> children = new ArrayList<>(zk.getChildren(root, false));
            children.sort(null);
            Matrix.checkEqual(Arrays.asList("a", "b", "c"), children, "getChildren");
            Stat parent = zk.exists(root, false);
            Matrix.checkEqual(3, parent.getNumChildren(), "numChildren");
            Matrix.checkEqual(3, parent.getCversion(), "cversion after three creates");
            Matrix.expectThrows(KeeperException.NotEmptyException.class, "delete a parent",
                () -> zk.delete(root, -1));
            Matrix.expectThrows(KeeperException.BadVersionException.class, "delete with a wrong version",
                () -> zk.delete(root + "/a", 5));
            for (String child : new String[] {"a", "b", "c"}) {
                zk.delete(root + "/" + child, 0);
            }
            zk.delete(root, 1);
            Matrix.checkEqual(null, zk.exists(root, false), "exists after delete");
            Matrix.expectThrows(KeeperException.NoNodeException.class, "getData after delete",
                () -> zk.getData(root, false, null));
        } finally {
            zk.close();
        }
    }

    static void ephemeralSequential(String connect, String root) throws Exception {
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        ZooKeeper owner = connect(connect, null);
        ZooKeeper observer = connect(connect, events);
        try {
            observer.create(root, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            List<String> made = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                made.add(owner.create(root + "/e-", bytes("" + i), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL));
            }
            for (int i = 0; i < 3; i++) {
                Matrix.checkEqual(String.format("%s/e-%010d", root, i), made.get(i), "sequential name " + i);
            }
            Stat stat = observer.exists(made.get(0), true);
            Matrix.checkEqual(owner.getSessionId(), stat.getEphemeralOwner(), "ephemeralOwner");
            List<String> mine = new ArrayList<>(owner.getEphemerals(root));
            mine.sort(null);
            Matrix.checkEqual(made, mine, "getEphemerals(root) of the owner");
            Matrix.checkEqual(0, observer.getEphemerals(root).size(), "getEphemerals of another session");
            Matrix.checkEqual(3, observer.getAllChildrenNumber(root), "getAllChildrenNumber");
            Matrix.expectThrows(KeeperException.NoChildrenForEphemeralsException.class, "child of an ephemeral",
                () -> owner.create(made.get(0) + "/x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            owner.close();
            WatchedEvent gone = Matrix.take(events, "NodeDeleted after the owner closed");
            Matrix.checkEqual(EventType.NodeDeleted + " " + made.get(0), describe(gone), "event");
            Matrix.checkEqual(0, observer.getChildren(root, false).size(), "ephemerals left after close");
        } finally {
            owner.close();
            observer.close();
        }
    }

    static void watches(String connect, String root) throws Exception {
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        ZooKeeper watcher = connect(connect, events);
        ZooKeeper actor = connect(connect, null);
        try {
            Matrix.checkEqual(null, watcher.exists(root, true), "exists on a missing node");
            actor.create(root, bytes("a"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            Matrix.checkEqual("NodeCreated " + root, describe(Matrix.take(events, "NodeCreated")), "exists watch");
            watcher.getData(root, true, null);
            watcher.getChildren(root, true);
            actor.setData(root, bytes("b"), -1);
            Matrix.checkEqual("NodeDataChanged " + root, describe(Matrix.take(events, "NodeDataChanged")), "data watch");
            // One-shot: this second change must not notify; the sentinel's event proves nothing came before it.
            actor.setData(root, bytes("c"), -1);
            actor.create(root + "/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            Matrix.checkEqual("NodeChildrenChanged " + root, describe(Matrix.take(events, "NodeChildrenChanged")),
                "child watch, and no second NodeDataChanged before it");
            watcher.getData(root + "/kid", true, null);
            actor.delete(root + "/kid", -1);
            Matrix.checkEqual("NodeDeleted " + root + "/kid", describe(Matrix.take(events, "NodeDeleted")), "delete fires the data watch");
            Matrix.checkEqual(null, events.peek(), "no further events");
        } finally {
            watcher.close();
            actor.close();
        }
    }

    static void multi(String connect, String root) throws Exception {
        ZooKeeper zk = connect(connect, null);
        try {
            List<OpResult> ok = zk.multi(Arrays.asList(
                Op.create(root, bytes("r"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create(root + "/a", bytes("a"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData(root + "/a", bytes("a2"), 0),
                Op.check(root, 0)));
            Matrix.checkEqual(4, ok.size(), "results of a successful multi");
            Matrix.checkEqual(root + "/a", ((OpResult.CreateResult) ok.get(1)).getPath(), "create result path");
            Matrix.checkEqual(1, ((OpResult.SetDataResult) ok.get(2)).getStat().getVersion(), "setData result version");
            try {
                zk.multi(Arrays.asList(
                    Op.create(root + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.check(root + "/a", 0),
                    Op.delete(root + "/a", -1)));
                throw new Matrix.CheckFailed("multi with a failing check succeeded");
            } catch (KeeperException.BadVersionException e) {
                List<OpResult> results = e.getResults();
                Matrix.checkEqual(3, results.size(), "results of a failed multi");
                int[] codes = new int[3];
                for (int i = 0; i < 3; i++) {
                    codes[i] = ((OpResult.ErrorResult) results.get(i)).getErr();
                }
                Matrix.checkEqual("[0, -103, -2]", Arrays.toString(codes), "per-op error codes");
            }
            Matrix.checkEqual(null, zk.exists(root + "/b", false), "rolled-back create");
            List<OpResult> read = zk.multi(Arrays.asList(Op.getData(root + "/a"), Op.getChildren(root)));
            Matrix.checkEqual("a2", text(((OpResult.GetDataResult) read.get(0)).getData()), "multiRead getData");
            Matrix.checkEqual(Arrays.asList("a"), ((OpResult.GetChildrenResult) read.get(1)).getChildren(), "multiRead getChildren");
        } finally {
            zk.close();
        }
    }

    static void async(String connect, String root) throws Exception {
        ZooKeeper zk = connect(connect, null);
        try {
            BlockingQueue<String> done = new LinkedBlockingQueue<>();
            AsyncCallback.StringCallback created = (rc, path, ctx, name) -> done.add("create " + rc + " " + name);
            zk.create(root, bytes("x"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created, null);
            zk.setData(root, bytes("y"), 0, (rc, path, ctx, stat) -> done.add("set " + rc + " " + stat.getVersion()), null);
            zk.getData(root, false, (rc, path, ctx, data, stat) -> done.add("get " + rc + " " + text(data)), null);
            zk.sync(root, (rc, path, ctx) -> done.add("sync " + rc), null);
            zk.delete(root + "/missing", -1, (rc, path, ctx) -> done.add("delete " + rc), null);
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                seen.add(Matrix.take(done, "callback " + i));
            }
            Matrix.checkEqual(Arrays.asList("create 0 " + root, "set 0 1", "get 0 y", "sync 0", "delete -101"), seen,
                "callbacks, in request order");
        } finally {
            zk.close();
        }
    }

    static void acl(String connect, String root) throws Exception {
        ZooKeeper owner = connect(connect, null);
        ZooKeeper stranger = connect(connect, null);
        try {
            owner.addAuthInfo("digest", bytes("alice:secret"));
            owner.create(root, bytes("private"), Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
            List<ACL> acl = owner.getACL(root, new Stat());
            Matrix.checkEqual(1, acl.size(), "one ACL entry");
            Matrix.checkEqual("digest", acl.get(0).getId().getScheme(), "scheme");
            Matrix.check(acl.get(0).getId().getId().startsWith("alice:"), "digest id names alice: " + acl.get(0).getId());
            Matrix.checkEqual("private", text(owner.getData(root, false, null)), "owner reads");
            Matrix.expectThrows(KeeperException.NoAuthException.class, "stranger reads",
                () -> stranger.getData(root, false, null));
            Matrix.expectThrows(KeeperException.NoAuthException.class, "stranger writes",
                () -> stranger.setData(root, bytes("x"), -1));
            Matrix.expectThrows(KeeperException.BadVersionException.class, "setACL with a wrong aversion",
                () -> owner.setACL(root, Ids.READ_ACL_UNSAFE, 3));
            Stat after = owner.setACL(root, Ids.READ_ACL_UNSAFE, 0);
            Matrix.checkEqual(1, after.getAversion(), "aversion after setACL");
            Matrix.checkEqual("private", text(stranger.getData(root, false, null)), "stranger reads a world-readable node");
            Matrix.expectThrows(KeeperException.NoAuthException.class, "read-only ACL refuses setData",
                () -> owner.setData(root, bytes("x"), -1));
        } finally {
            owner.close();
            stranger.close();
        }
    }

    static void removeWatches(String connect, String root) throws Exception {
        ZooKeeper zk = connect(connect, null);
        try {
            zk.create(root, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
            Watcher watcher = events::add;
            zk.getData(root, watcher, null);
            zk.removeWatches(root, watcher, Watcher.WatcherType.Data, false);
            Matrix.checkEqual("DataWatchRemoved " + root, describe(Matrix.take(events, "DataWatchRemoved")), "removal event");
            Matrix.expectThrows(KeeperException.NoWatcherException.class, "removing a watch that is gone",
                () -> zk.removeWatches(root, watcher, Watcher.WatcherType.Data, false));
            zk.setData(root, bytes("x"), -1);
            zk.getChildren(root, watcher);
            zk.create(root + "/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            Matrix.checkEqual("NodeChildrenChanged " + root, describe(Matrix.take(events, "NodeChildrenChanged")),
                "the next event is the child watch's, not the removed data watch's");
        } finally {
            zk.close();
        }
    }

    static void lockRecipe(String connect, String root) throws Exception {
        ZooKeeper first = connect(connect, null);
        ZooKeeper second = connect(connect, null);
        try {
            first.create(root, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            WriteLock a = new WriteLock(first, root, Ids.OPEN_ACL_UNSAFE);
            CountDownLatch bAcquired = new CountDownLatch(1);
            WriteLock b = new WriteLock(second, root, Ids.OPEN_ACL_UNSAFE, new LockListener() {
                @Override
                public void lockAcquired() {
                    bAcquired.countDown();
                }

                @Override
                public void lockReleased() {
                }
            });
            Matrix.check(a.lock(), "the first WriteLock is the owner");
            Matrix.check(!b.lock(), "the second WriteLock waits");
            Matrix.check(!b.isOwner(), "the second WriteLock does not own the lock");
            a.unlock();
            Matrix.await(bAcquired, "the second WriteLock's lockAcquired after the first unlocked");
            Matrix.check(b.isOwner(), "the second WriteLock owns the lock");
            b.unlock();
            Matrix.checkEqual(0, first.getChildren(root, false).size(), "lock nodes left after both unlocked");
        } finally {
            first.close();
            second.close();
        }
    }

    static void persistentRecursiveWatch(String connect, String root) throws Exception {
        ZooKeeper zk = connect(connect, null);
        try {
            zk.create(root, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
            zk.addWatch(root, events::add, AddWatchMode.PERSISTENT_RECURSIVE);
            zk.create(root + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            zk.create(root + "/a/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            zk.setData(root + "/a/b", bytes("1"), -1);
            zk.setData(root + "/a/b", bytes("2"), -1);
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                seen.add(describe(Matrix.take(events, "persistent recursive event " + i)));
            }
            Matrix.checkEqual(Arrays.asList("NodeCreated " + root + "/a", "NodeCreated " + root + "/a/b",
                "NodeDataChanged " + root + "/a/b", "NodeDataChanged " + root + "/a/b"), seen, "events");
        } finally {
            zk.close();
        }
    }

    /** The server keeps a quota root's zookeeper_stats (count and bytes) up to date as the subtree changes. */
    static void quotaStats(String connect, String root) throws Exception {
        ZooKeeper zk = connect(connect, null);
        try {
            zk.create(root, bytes("abc"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            zk.create(root + "/a", bytes("12345"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            StatsTrack limit = new StatsTrack();
            limit.setCount(10);
            limit.setBytes(1000);
            Matrix.check(SetQuotaCommand.createQuota(zk, root, limit), "setquota (zkCli's createQuota)");
            StatsTrack limits = new StatsTrack(zk.getData(Quotas.limitPath(root), false, null));
            Matrix.checkEqual(10L, limits.getCount(), "the limits node's count");
            StatsTrack stats = new StatsTrack(zk.getData(Quotas.statPath(root), false, null));
            Matrix.checkEqual("2,8", stats.getCount() + "," + stats.getBytes(), "count,bytes after setquota");
            zk.create(root + "/b", bytes("xy"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            zk.setData(root + "/a", bytes("1"), -1);
            stats = new StatsTrack(zk.getData(Quotas.statPath(root), false, null));
            Matrix.checkEqual("3,6", stats.getCount() + "," + stats.getBytes(), "count,bytes after a create and a set");
            zk.delete(root + "/b", -1);
            stats = new StatsTrack(zk.getData(Quotas.statPath(root), false, null));
            Matrix.checkEqual("2,4", stats.getCount() + "," + stats.getBytes(), "count,bytes after a delete");
        } finally {
            zk.close();
        }
    }

    /** create2's Stat, and how a parent's cversion, pzxid and mzxid follow its children's creates and deletes. */
    static void statFields(String connect, String root) throws Exception {
        ZooKeeper zk = connect(connect, null);
        try {
            Stat created = new Stat();
            zk.create(root, bytes("p"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
            Matrix.checkEqual(zk.exists(root, false), created, "create2's Stat against exists");
            Matrix.checkEqual(created.getCtime(), created.getMtime(), "ctime == mtime on create");
            Matrix.checkEqual(created.getCzxid(), created.getPzxid(), "pzxid of a childless node");
            Stat child = new Stat();
            zk.create(root + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, child);
            Stat parent = zk.exists(root, false);
            Matrix.checkEqual(1, parent.getCversion(), "cversion after a child create");
            Matrix.checkEqual(child.getCzxid(), parent.getPzxid(), "pzxid is the child create's zxid");
            Matrix.checkEqual(created.getMzxid(), parent.getMzxid(), "a child create leaves mzxid alone");
            zk.delete(root + "/s-0000000000", -1);
            parent = zk.exists(root, false);
            Matrix.checkEqual(2, parent.getCversion(), "cversion after a child delete");
            Matrix.check(parent.getPzxid() > child.getCzxid(), "pzxid moves on a child delete");
            // Java 3.8.0 numbers this one 1, not 2: its delete leaves the sequence counter alone.
            String next = zk.create(root + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
            Matrix.checkEqual(root + "/s-0000000001", next, "the next sequential name");
            Stat withChildren = new Stat();
            List<String> children = zk.getChildren(root, false, withChildren);
            Matrix.checkEqual(Arrays.asList("s-0000000001"), children, "getChildren2");
            Matrix.checkEqual(zk.exists(root, false), withChildren, "getChildren2's Stat against exists");
            Stat config = zk.exists("/zookeeper/config", false);
            Matrix.check(config != null, "/zookeeper/config exists");
            Matrix.checkEqual(Arrays.asList("config", "quota"), sorted(zk.getChildren("/zookeeper", false)), "children of /zookeeper");
        } finally {
            zk.close();
        }
    }

    static List<String> sorted(List<String> items) {
        List<String> copy = new ArrayList<>(items);
        copy.sort(null);
        return copy;
    }
}
