import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * Drives the official ZooKeeper 3.8 Java client through the recording proxy so
 * that every client request kind (and its reply) crosses the wire at least once.
 *
 * Usage: java Record host:proxyPort controlPort [sasl]
 */
public final class Record {
    private static final List<ACL> OPEN = ZooDefs.Ids.OPEN_ACL_UNSAFE;
    private static final int SESSION_TIMEOUT_MS = 6000;

    private static String connectString;
    private static int controlPort;
    private static final BlockingQueue<WatchedEvent> EVENTS = new LinkedBlockingQueue<>();

    private Record() { }

    public static void main(String[] args) throws Exception {
        connectString = args[0];
        controlPort = Integer.parseInt(args[1]);
        boolean sasl = args.length > 2 && args[2].equals("sasl");

        mainSession();
        authFailure();
        if (sasl) {
            saslSession();
        }
        log("done");
    }

    // ---------------------------------------------------------------- main session

    private static void mainSession() throws Exception {
        ZKClientConfig cfg = new ZKClientConfig();
        cfg.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        Watcher defaultWatcher = EVENTS::add;
        ZooKeeperAdmin zk = new ZooKeeperAdmin(connectString, SESSION_TIMEOUT_MS, defaultWatcher, cfg);
        awaitState(Watcher.Event.KeeperState.SyncConnected);
        byte[] hello = bytes("hello");

        // create (1): persistent, then the other CreateMode flags
        zk.create("/g", hello, OPEN, CreateMode.PERSISTENT);
        zk.create("/g/eph", bytes("e"), OPEN, CreateMode.EPHEMERAL);
        zk.create("/g/seq-", bytes("s"), OPEN, CreateMode.PERSISTENT_SEQUENTIAL);
        zk.create("/g/eseq-", null, OPEN, CreateMode.EPHEMERAL_SEQUENTIAL);
        expect(KeeperException.Code.NODEEXISTS, () -> zk.create("/g", hello, OPEN, CreateMode.PERSISTENT));

        // create2 (15), createContainer (19), createTTL (21)
        Stat st = new Stat();
        zk.create("/g/c2", bytes("c2"), OPEN, CreateMode.PERSISTENT, st);
        zk.create("/g/container", bytes("ct"), OPEN, CreateMode.CONTAINER);
        zk.create("/g/ttl", bytes("ttl"), OPEN, CreateMode.PERSISTENT_WITH_TTL, st, 60000L);
        zk.create("/g/ttlseq-", bytes("ttl"), OPEN, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, st, 60000L);

        // exists (3)
        zk.exists("/g", false);
        expectNull(zk.exists("/g/nope", false));

        // getData (4)
        zk.getData("/g", false, st);
        expect(KeeperException.Code.NONODE, () -> zk.getData("/g/nope", false, new Stat()));

        // setData (5)
        zk.setData("/g", bytes("world"), 0);
        expect(KeeperException.Code.BADVERSION, () -> zk.setData("/g", bytes("x"), 99));

        // getACL (6) / setACL (7)
        zk.getACL("/g", st);
        List<ACL> acl = new ArrayList<>();
        acl.add(new ACL(ZooDefs.Perms.ALL, ZooDefs.Ids.ANYONE_ID_UNSAFE));
        acl.add(new ACL(ZooDefs.Perms.READ,
                new Id("digest", DigestAuthenticationProvider.generateDigest("alice:secret"))));
        zk.setACL("/g/c2", acl, -1);

        // getChildren (8) / getChildren2 (12)
        zk.getChildren("/g", false);
        zk.getChildren("/g", false, st);

        // delete (2)
        zk.create("/g/del", null, OPEN, CreateMode.PERSISTENT);
        zk.delete("/g/del", -1);
        expect(KeeperException.Code.NOTEMPTY, () -> zk.delete("/g", -1));

        // sync (9)
        CountDownLatch synced = new CountDownLatch(1);
        zk.sync("/g", (rc, path, ctx) -> synced.countDown(), null);
        synced.await(10, TimeUnit.SECONDS);

        // ping (11): stay idle for longer than readTimeout/2 (= timeout/3)
        log("idling for a ping");
        Thread.sleep(SESSION_TIMEOUT_MS * 2 / 3);

        // multi (14): success, including container/TTL creates (result type 15)
        zk.multi(Arrays.asList(
                Op.create("/g/m1", bytes("m"), OPEN, CreateMode.PERSISTENT),
                Op.create("/g/mc", null, OPEN, CreateMode.CONTAINER),
                Op.create("/g/mttl", null, OPEN, CreateMode.PERSISTENT_WITH_TTL, 60000L),
                Op.setData("/g/m1", bytes("m2"), 0),
                Op.check("/g/m1", 1),
                Op.delete("/g/m1", 1)));
        // multi (14): failing in the middle
        expect(KeeperException.Code.BADVERSION, () -> zk.multi(Arrays.asList(
                Op.create("/g/f1", null, OPEN, CreateMode.PERSISTENT),
                Op.setData("/g", bytes("x"), 999),
                Op.create("/g/f2", null, OPEN, CreateMode.PERSISTENT))));

        // multiRead (22)
        zk.multi(Arrays.asList(Op.getData("/g"), Op.getChildren("/g/c2")));
        try {
            List<OpResult> r = zk.multi(Arrays.asList(Op.getData("/g/nope"), Op.getChildren("/g")));
            log("multiRead partial -> " + r.size() + " results");
        } catch (KeeperException e) {
            log("multiRead partial -> " + e.code());
        }

        // reconfig (16): the standalone server has reconfig disabled (-123)
        expect(KeeperException.Code.RECONFIGDISABLED,
                () -> zk.reconfigure("server.2=127.0.0.1:2888:3888;2181", null, null, -1L, new Stat()));

        // checkWatches (17) / removeWatches (18)
        Watcher dataWatcher = e -> log("dataWatcher " + e);
        zk.getData("/g/c2", dataWatcher, st);
        zk.removeWatches("/g/c2", dataWatcher, Watcher.WatcherType.Data, false);
        zk.getChildren("/g/c2", true);
        zk.removeAllWatches("/g/c2", Watcher.WatcherType.Children, false);
        expect(KeeperException.Code.NOWATCHER,
                () -> zk.removeAllWatches("/g/c2", Watcher.WatcherType.Any, false));

        // notifications of each type
        zk.exists("/g/new", true);                       // exists.watch (missing -> error reply)
        zk.create("/g/new", bytes("n"), OPEN, CreateMode.PERSISTENT);
        awaitEvent(Watcher.Event.EventType.NodeCreated, "/g/new");
        zk.getData("/g/new", true, st);
        zk.setData("/g/new", bytes("n2"), -1);
        awaitEvent(Watcher.Event.EventType.NodeDataChanged, "/g/new");
        zk.getChildren("/g/new", true);
        zk.create("/g/new/kid", null, OPEN, CreateMode.PERSISTENT);
        awaitEvent(Watcher.Event.EventType.NodeChildrenChanged, "/g/new");
        zk.exists("/g/new/kid", true);
        zk.getChildren("/g/new/kid", true, st);
        zk.delete("/g/new/kid", -1);
        awaitEvent(Watcher.Event.EventType.NodeDeleted, "/g/new/kid");

        // auth (100), whoAmI (107)
        zk.addAuthInfo("digest", bytes("alice:secret"));
        zk.whoAmI();

        // getEphemerals (103), getAllChildrenNumber (104)
        zk.getEphemerals("/g");
        zk.getAllChildrenNumber("/g");

        // setWatches (101): standard watches only, then force a reconnect
        zk.exists("/g/w-missing", true);
        zk.getData("/g", true, st);
        zk.getChildren("/g", true);
        forceReconnect();

        // addWatch (106) both modes, then setWatches2 (105) on the next reconnect
        zk.addWatch("/g/p", AddWatchMode.PERSISTENT);
        zk.addWatch("/g", AddWatchMode.PERSISTENT_RECURSIVE);
        forceReconnect();
        zk.setData("/g/c2", bytes("after-reconnect"), -1);
        drainEvents();

        // closeSession (-11)
        zk.close();
        log("main session closed");
    }

    /** auth (100) with an unknown scheme: the server answers -115 and closes. */
    private static void authFailure() throws Exception {
        ZKClientConfig cfg = new ZKClientConfig();
        cfg.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, EVENTS::add, cfg);
        awaitState(Watcher.Event.KeeperState.SyncConnected);
        zk.addAuthInfo("nosuchscheme", bytes("x"));
        awaitState(Watcher.Event.KeeperState.AuthFailed);
        zk.close();
        drainEvents();
        log("auth-failure session closed");
    }

    /** sasl (102): DIGEST-MD5 against the server's JAAS "Server" section. */
    private static void saslSession() throws Exception {
        ZKClientConfig cfg = new ZKClientConfig();
        cfg.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "true");
        ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, EVENTS::add, cfg);
        awaitState(Watcher.Event.KeeperState.SaslAuthenticated);
        log("sasl whoAmI: " + zk.whoAmI());
        zk.close();
        drainEvents();
        log("sasl session closed");
    }

    // ---------------------------------------------------------------- helpers

    private interface Call {
        void run() throws Exception;
    }

    private static void expect(KeeperException.Code code, Call c) throws Exception {
        try {
            c.run();
            throw new IllegalStateException("expected " + code);
        } catch (KeeperException e) {
            if (e.code() != code) {
                throw new IllegalStateException("expected " + code + " got " + e.code(), e);
            }
        }
    }

    private static void expectNull(Object o) {
        if (o != null) {
            throw new IllegalStateException("expected null, got " + o);
        }
    }

    private static void forceReconnect() throws Exception {
        control("drop");
        awaitState(Watcher.Event.KeeperState.Disconnected);
        awaitState(Watcher.Event.KeeperState.SyncConnected);
    }

    private static void awaitState(Watcher.Event.KeeperState state) throws InterruptedException {
        while (true) {
            WatchedEvent e = EVENTS.poll(30, TimeUnit.SECONDS);
            if (e == null) {
                throw new IllegalStateException("timed out waiting for state " + state);
            }
            log("event " + e);
            if (e.getType() == Watcher.Event.EventType.None && e.getState() == state) {
                return;
            }
        }
    }

    private static void awaitEvent(Watcher.Event.EventType type, String path) throws InterruptedException {
        while (true) {
            WatchedEvent e = EVENTS.poll(30, TimeUnit.SECONDS);
            if (e == null) {
                throw new IllegalStateException("timed out waiting for " + type + " " + path);
            }
            log("event " + e);
            if (e.getType() == type && path.equals(e.getPath())) {
                return;
            }
        }
    }

    private static void drainEvents() throws InterruptedException {
        Thread.sleep(300);
        WatchedEvent e;
        while ((e = EVENTS.poll()) != null) {
            log("event " + e);
        }
    }

    private static void control(String cmd) throws Exception {
        try (Socket s = new Socket("127.0.0.1", controlPort)) {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), true);
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            w.println(cmd);
            log("control " + cmd + " -> " + r.readLine());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void log(String msg) {
        System.out.println("[record] " + msg);
    }
}
