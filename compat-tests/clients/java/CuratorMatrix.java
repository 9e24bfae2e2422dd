import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.recipes.barriers.DistributedBarrier;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.cache.TreeCache;
import org.apache.curator.framework.recipes.cache.TreeCacheEvent;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListenerAdapter;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.framework.recipes.shared.VersionedValue;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.recipes.queue.DistributedQueue;
import org.apache.curator.framework.recipes.queue.QueueBuilder;
import org.apache.curator.framework.recipes.queue.QueueConsumer;
import org.apache.curator.framework.recipes.queue.QueueSerializer;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.data.Stat;

/**
 * Apache Curator 5.4 (Debian's libcurator-framework-java and libcurator-recipes-java).
 * Usage: java CuratorMatrix HOST:PORT [CASE ...]
 */
public final class CuratorMatrix {
    private CuratorMatrix() {
    }

    public static void main(String[] args) throws Exception {
        Matrix matrix = new Matrix("curator")
            .add("crud", CuratorMatrix::crud)
            .add("inter-process-mutex", CuratorMatrix::mutex)
            .add("leader-latch", CuratorMatrix::leaderLatch)
            .add("distributed-barrier", CuratorMatrix::barrier)
            .add("distributed-queue", CuratorMatrix::queue)
            .add("persistent-node", CuratorMatrix::persistentNode)
            .add("curator-cache", CuratorMatrix::cache)
            .add("shared-count", CuratorMatrix::sharedCount)
            .add("semaphore", CuratorMatrix::semaphore)
            .add("leader-selector", CuratorMatrix::leaderSelector)
            .add("tree-cache", CuratorMatrix::treeCache)
            .add("session-expiry", CuratorMatrix::sessionExpiry);
        System.exit(matrix.run(args[0], Arrays.asList(args).subList(1, args.length)));
    }

    static CuratorFramework connect(String connect) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
            .connectString(connect)
            .sessionTimeoutMs(10_000)
            .connectionTimeoutMs((int) Matrix.WAIT_MS)
            .retryPolicy(new RetryNTimes(2, 100))
            .build();
        client.start();
        Matrix.check(client.blockUntilConnected((int) Matrix.WAIT_MS, TimeUnit.MILLISECONDS), "Curator connected");
        return client;
    }

    /**
     * Brings the client's member up to date with the leader before it reads what another client wrote:
     * in an ensemble each member serves reads itself and may lag behind (ZooKeeper orders one client's
     * view, not reads across clients). Against a single server it changes nothing.
     */
    static void sync(CuratorFramework client, String path) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        int[] rc = {Integer.MIN_VALUE};
        client.getZookeeperClient().getZooKeeper().sync(path, (code, p, ctx) -> {
            rc[0] = code;
            done.countDown();
        }, null);
        Matrix.await(done, "sync " + path);
        Matrix.checkEqual(0, rc[0], "the result code of sync " + path);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static void crud(String connect, String root) throws Exception {
        try (CuratorFramework c = connect(connect)) {
            String leaf = root + "/parent/leaf";
            Matrix.checkEqual(leaf, c.create().creatingParentContainersIfNeeded().forPath(leaf, bytes("one")), "create");
            Stat parent = c.checkExists().forPath(root + "/parent");
            Matrix.check(parent != null, "the parent container was created");
            // Java reports 0, not the stored container marker, as a container's ephemeralOwner.
            Matrix.checkEqual(0L, parent.getEphemeralOwner(), "a container parent's ephemeralOwner");
            Stat stat = new Stat();
            Matrix.checkEqual("one", text(c.getData().storingStatIn(stat).forPath(leaf)), "getData");
            Matrix.checkEqual(1, c.setData().withVersion(stat.getVersion()).forPath(leaf, bytes("two")).getVersion(), "setData");
            Matrix.expectThrows(KeeperException.BadVersionException.class, "stale setData",
                () -> c.setData().withVersion(0).forPath(leaf, bytes("x")));
            Matrix.expectThrows(KeeperException.NodeExistsException.class, "create twice",
                () -> c.create().forPath(leaf));
            Matrix.checkEqual(Arrays.asList("leaf"), c.getChildren().forPath(root + "/parent"), "getChildren");
            List<CuratorTransactionResult> results = c.transaction().forOperations(
                c.transactionOp().create().forPath(root + "/parent/t", bytes("t")),
                c.transactionOp().setData().forPath(leaf, bytes("three")),
                c.transactionOp().check().withVersion(2).forPath(leaf));
            Matrix.checkEqual(3, results.size(), "transaction results");
            Matrix.checkEqual("three", text(c.getData().forPath(leaf)), "data after the transaction");
            c.delete().deletingChildrenIfNeeded().forPath(root);
            Matrix.checkEqual(null, c.checkExists().forPath(root), "deletingChildrenIfNeeded removed the tree");
        }
    }

    static void mutex(String connect, String root) throws Exception {
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            InterProcessMutex first = new InterProcessMutex(a, root);
            InterProcessMutex second = new InterProcessMutex(b, root);
            Matrix.check(first.acquire(Matrix.WAIT_MS, TimeUnit.MILLISECONDS), "first acquires");
            Matrix.check(first.acquire(Matrix.WAIT_MS, TimeUnit.MILLISECONDS), "first re-enters");
            Matrix.check(!second.acquire(200, TimeUnit.MILLISECONDS), "second is shut out while first holds the lock");
            // Curator locks belong to a thread: the second holder acquires and releases on its own one.
            CountDownLatch secondHolds = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            CountDownLatch secondReleased = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                try {
                    if (second.acquire(Matrix.WAIT_MS, TimeUnit.MILLISECONDS)) {
                        secondHolds.countDown();
                        letGo.await(Matrix.WAIT_MS, TimeUnit.MILLISECONDS);
                        second.release();
                        secondReleased.countDown();
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            waiter.setDaemon(true);
            waiter.start();
            first.release();
            Matrix.check(first.isAcquiredInThisProcess(), "one release of two keeps the lock");
            Matrix.checkEqual(1L, secondHolds.getCount(), "second waits while first still holds once");
            first.release();
            Matrix.await(secondHolds, "second acquires after first released");
            Matrix.check(!first.acquire(200, TimeUnit.MILLISECONDS), "first is shut out while second holds the lock");
            letGo.countDown();
            Matrix.await(secondReleased, "second releases");
            sync(a, root);
            Matrix.checkEqual(0, a.getChildren().forPath(root).size(), "lock nodes left");
        }
    }

    static void leaderLatch(String connect, String root) throws Exception {
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            LeaderLatch one = new LeaderLatch(a, root, "one");
            LeaderLatch two = new LeaderLatch(b, root, "two");
            one.start();
            Matrix.check(one.await(Matrix.WAIT_MS, TimeUnit.MILLISECONDS), "the first latch leads");
            two.start();
            Matrix.eventually("two participants", () -> two.getParticipants().size() == 2);
            Matrix.checkEqual("one", two.getLeader().getId(), "the leader as the second latch sees it");
            Matrix.check(!two.hasLeadership(), "the second latch does not lead");
            one.close();
            Matrix.check(two.await(Matrix.WAIT_MS, TimeUnit.MILLISECONDS), "the second latch leads after the first closed");
            Matrix.checkEqual(1, two.getParticipants().size(), "participants after the first closed");
            two.close();
        }
    }

    static void barrier(String connect, String root) throws Exception {
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            DistributedBarrier gate = new DistributedBarrier(a, root);
            DistributedBarrier waiter = new DistributedBarrier(b, root);
            gate.setBarrier();
            sync(b, root);
            Matrix.check(!waiter.waitOnBarrier(200, TimeUnit.MILLISECONDS), "a set barrier holds the waiter");
            CountDownLatch passed = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                try {
                    if (waiter.waitOnBarrier(Matrix.WAIT_MS, TimeUnit.MILLISECONDS)) {
                        passed.countDown();
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            t.setDaemon(true);
            t.start();
            gate.removeBarrier();
            Matrix.await(passed, "the waiter passes once the barrier is removed");
            Matrix.check(waiter.waitOnBarrier(200, TimeUnit.MILLISECONDS), "a removed barrier does not hold");
        }
    }

    static void queue(String connect, String root) throws Exception {
        QueueSerializer<String> serializer = new QueueSerializer<String>() {
            @Override
            public byte[] serialize(String item) {
                return bytes(item);
            }

            @Override
            public String deserialize(byte[] bytes) {
                return text(bytes);
            }
        };
        BlockingQueue<String> consumed = new LinkedBlockingQueue<>();
        QueueConsumer<String> consumer = new QueueConsumer<String>() {
            @Override
            public void consumeMessage(String message) {
                consumed.add(message);
            }

            @Override
            public void stateChanged(CuratorFramework client, ConnectionState newState) {
            }
        };
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            DistributedQueue<String> producer = QueueBuilder.builder(a, null, serializer, root).buildQueue();
            DistributedQueue<String> reader = QueueBuilder.builder(b, consumer, serializer, root).buildQueue();
            producer.start();
            reader.start();
            try {
                for (String item : new String[] {"first", "second", "third"}) {
                    producer.put(item);
                }
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    got.add(Matrix.take(consumed, "queue item " + i));
                }
                Matrix.checkEqual(Arrays.asList("first", "second", "third"), got, "items in put order");
                Matrix.eventually("the queue node empties", () -> a.getChildren().forPath(root).isEmpty());
            } finally {
                producer.close();
                reader.close();
            }
        }
    }

    static void persistentNode(String connect, String root) throws Exception {
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            String path = root + "/me";
            b.create().forPath(root);
            PersistentNode node = new PersistentNode(a, CreateMode.EPHEMERAL, false, path, bytes("v1"));
            node.start();
            try {
                Matrix.check(node.waitForInitialCreate(Matrix.WAIT_MS, TimeUnit.MILLISECONDS), "initial create");
                long session = a.getZookeeperClient().getZooKeeper().getSessionId();
                sync(b, path);
                Matrix.checkEqual(session, b.checkExists().forPath(path).getEphemeralOwner(), "the node is the client's ephemeral");
                BlockingQueue<EventType> events = new LinkedBlockingQueue<>();
                b.delete().forPath(path);
                Stat back = b.checkExists().usingWatcher((org.apache.zookeeper.Watcher) e -> events.add(e.getType())).forPath(path);
                if (back == null) {
                    Matrix.checkEqual(EventType.NodeCreated, Matrix.take(events, "the node to come back"), "recreation");
                }
                Matrix.checkEqual("v1", text(b.getData().forPath(path)), "recreated data");
                node.setData(bytes("v2"));
                Matrix.eventually("setData to land", () -> "v2".equals(text(b.getData().forPath(path))));
            } finally {
                node.close();
            }
            sync(b, path);
            Matrix.checkEqual(null, b.checkExists().forPath(path), "the node after close");
        }
    }

    static void cache(String connect, String root) throws Exception {
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            b.create().forPath(root, bytes("r"));
            b.create().forPath(root + "/old", bytes("o"));
            sync(a, root);
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            CountDownLatch initialized = new CountDownLatch(1);
            CuratorCacheListener listener = CuratorCacheListener.builder()
                .forCreates(n -> events.add("create " + n.getPath() + " " + text(n.getData())))
                .forChanges((before, after) -> events.add("change " + after.getPath() + " " + text(after.getData())))
                .forDeletes(n -> events.add("delete " + n.getPath()))
                .forInitialized(initialized::countDown)
                .build();
            try (CuratorCache cache = CuratorCache.build(a, root)) {
                cache.listenable().addListener(listener);
                cache.start();
                Matrix.await(initialized, "the cache's initialized event");
                List<String> initial = new ArrayList<>(Arrays.asList(Matrix.take(events, "initial 1"), Matrix.take(events, "initial 2")));
                initial.sort(null);
                Matrix.checkEqual(Arrays.asList("create " + root + " r", "create " + root + "/old o"), initial, "initial contents");
                b.create().forPath(root + "/new", bytes("n"));
                Matrix.checkEqual("create " + root + "/new n", Matrix.take(events, "create event"), "create");
                b.create().forPath(root + "/new/deep", bytes("d"));
                Matrix.checkEqual("create " + root + "/new/deep d", Matrix.take(events, "deep create event"), "deep create");
                b.setData().forPath(root + "/old", bytes("o2"));
                Matrix.checkEqual("change " + root + "/old o2", Matrix.take(events, "change event"), "change");
                b.delete().forPath(root + "/old");
                Matrix.checkEqual("delete " + root + "/old", Matrix.take(events, "delete event"), "delete");
                Matrix.checkEqual("n", text(cache.get(root + "/new").map(n -> n.getData()).orElse(null)), "cache.get");
            }
        }
    }

    static void sharedCount(String connect, String root) throws Exception {
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            try (SharedCount one = new SharedCount(a, root, 0); SharedCount two = new SharedCount(b, root, 0)) {
                BlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
                two.addListener(new org.apache.curator.framework.recipes.shared.SharedCountListener() {
                    @Override
                    public void countHasChanged(org.apache.curator.framework.recipes.shared.SharedCountReader reader, int value) {
                        seen.add(value);
                    }

                    @Override
                    public void stateChanged(CuratorFramework client, ConnectionState newState) {
                    }
                });
                one.start();
                two.start();
                VersionedValue<Integer> current = one.getVersionedValue();
                Matrix.check(one.trySetCount(current, 5), "a compare-and-set with the current version");
                Matrix.check(!one.trySetCount(current, 6), "a compare-and-set with a stale version");
                Matrix.checkEqual(5, Matrix.take(seen, "the other client's change notice"), "the count the other client sees");
                Matrix.checkEqual(5, two.getCount(), "the other client's count");
            }
        }
    }

    static void semaphore(String connect, String root) throws Exception {
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            InterProcessSemaphoreV2 one = new InterProcessSemaphoreV2(a, root, 2);
            InterProcessSemaphoreV2 two = new InterProcessSemaphoreV2(b, root, 2);
            java.util.Collection<Lease> leases = one.acquire(2, Matrix.WAIT_MS, TimeUnit.MILLISECONDS);
            Matrix.check(leases != null && leases.size() == 2, "the first client takes both leases");
            Matrix.checkEqual(null, two.acquire(200, TimeUnit.MILLISECONDS), "no lease left for the second client");
            one.returnAll(leases);
            Lease lease = two.acquire(Matrix.WAIT_MS, TimeUnit.MILLISECONDS);
            Matrix.check(lease != null, "the second client gets a lease once they were returned");
            two.returnLease(lease);
        }
    }

    static void leaderSelector(String connect, String root) throws Exception {
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            BlockingQueue<String> leaders = new LinkedBlockingQueue<>();
            CountDownLatch[] stepDown = {new CountDownLatch(1), new CountDownLatch(1)};
            LeaderSelector[] selectors = new LeaderSelector[2];
            CuratorFramework[] clients = {a, b};
            for (int i = 0; i < 2; i++) {
                String name = "s" + i;
                CountDownLatch mine = stepDown[i];
                selectors[i] = new LeaderSelector(clients[i], root, new LeaderSelectorListenerAdapter() {
                    @Override
                    public void takeLeadership(CuratorFramework client) throws Exception {
                        leaders.add(name);
                        mine.await(Matrix.WAIT_MS, TimeUnit.MILLISECONDS);
                    }
                });
                selectors[i].setId(name);
            }
            try {
                selectors[0].start();
                Matrix.checkEqual("s0", Matrix.take(leaders, "the first leader"), "first leader");
                selectors[1].start();
                Matrix.eventually("two participants", () -> selectors[1].getParticipants().size() == 2);
                Matrix.checkEqual("s0", selectors[1].getLeader().getId(), "the leader as the second selector sees it");
                stepDown[0].countDown();
                Matrix.checkEqual("s1", Matrix.take(leaders, "the second leader"), "the leader after the first stepped down");
                stepDown[1].countDown();
            } finally {
                selectors[0].close();
                selectors[1].close();
            }
        }
    }

    /** TreeCache is deprecated in favour of CuratorCache but still common; it uses one-shot watches only. */
    @SuppressWarnings("deprecation")
    static void treeCache(String connect, String root) throws Exception {
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            b.create().forPath(root, bytes("r"));
            sync(a, root);
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            try (TreeCache cache = TreeCache.newBuilder(a, root).build()) {
                cache.getListenable().addListener((client, event) -> {
                    if (event.getType() == TreeCacheEvent.Type.INITIALIZED) {
                        events.add("INITIALIZED");
                    } else if (event.getData() != null) {
                        events.add(event.getType() + " " + event.getData().getPath() + " " + text(event.getData().getData()));
                    }
                });
                cache.start();
                Matrix.checkEqual("NODE_ADDED " + root + " r", Matrix.take(events, "the root"), "initial");
                Matrix.checkEqual("INITIALIZED", Matrix.take(events, "INITIALIZED"), "initialized");
                b.create().forPath(root + "/a", bytes("1"));
                Matrix.checkEqual("NODE_ADDED " + root + "/a 1", Matrix.take(events, "added"), "added");
                b.create().forPath(root + "/a/deep", bytes("d"));
                Matrix.checkEqual("NODE_ADDED " + root + "/a/deep d", Matrix.take(events, "deep added"), "deep added");
                b.setData().forPath(root + "/a", bytes("2"));
                Matrix.checkEqual("NODE_UPDATED " + root + "/a 2", Matrix.take(events, "updated"), "updated");
                b.delete().forPath(root + "/a/deep");
                Matrix.checkEqual("NODE_REMOVED " + root + "/a/deep d", Matrix.take(events, "removed"), "removed");
            }
        }
    }

    /**
     * Ends a Curator client's session from outside (another handle on the same session id and
     * password closes it): Curator must see the session lost, start a new one and recreate its
     * PersistentNode under the new session.
     */
    static void sessionExpiry(String connect, String root) throws Exception {
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            b.create().forPath(root);
            BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
            a.getConnectionStateListenable().addListener((client, state) -> states.add(state));
            String path = root + "/me";
            try (PersistentNode node = new PersistentNode(a, CreateMode.EPHEMERAL, false, path, bytes("v"))) {
                node.start();
                Matrix.check(node.waitForInitialCreate(Matrix.WAIT_MS, TimeUnit.MILLISECONDS), "initial create");
                org.apache.zookeeper.ZooKeeper handle = a.getZookeeperClient().getZooKeeper();
                long oldSession = handle.getSessionId();
                CountDownLatch taken = new CountDownLatch(1);
                org.apache.zookeeper.ZooKeeper thief = new org.apache.zookeeper.ZooKeeper(connect, 10_000, e -> {
                    if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                        taken.countDown();
                    }
                }, oldSession, handle.getSessionPasswd());
                Matrix.await(taken, "a second handle on the same session");
                thief.close();
                List<ConnectionState> seen = new ArrayList<>();
                while (!seen.contains(ConnectionState.RECONNECTED)) {
                    seen.add(Matrix.take(states, "LOST then RECONNECTED, so far " + seen));
                }
                Matrix.check(seen.contains(ConnectionState.LOST), "LOST before RECONNECTED: " + seen);
                long newSession = a.getZookeeperClient().getZooKeeper().getSessionId();
                Matrix.check(newSession != oldSession, "a new session after the old one ended");
                Matrix.eventually("the node to be recreated under the new session", () -> {
                    Stat stat = b.checkExists().forPath(path);
                    return stat != null && stat.getEphemeralOwner() == newSession;
                });
            }
        }
    }
}
