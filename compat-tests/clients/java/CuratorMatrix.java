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
            .add("curator-cache", CuratorMatrix::cache);
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
            Matrix.checkEqual(null, b.checkExists().forPath(path), "the node after close");
        }
    }

    static void cache(String connect, String root) throws Exception {
        try (CuratorFramework a = connect(connect); CuratorFramework b = connect(connect)) {
            b.create().forPath(root, bytes("r"));
            b.create().forPath(root + "/old", bytes("o"));
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
}
