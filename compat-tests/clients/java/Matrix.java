import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs named cases one after another and prints one line per case:
 * {@code CASE <name> PASS} or {@code CASE <name> FAIL <why>}, then exits 0 only when all passed.
 * A case that throws, or outlives its deadline, fails alone; the others still run.
 */
final class Matrix {
    /** Every wait in a case is bounded by this. */
    static final long WAIT_MS = 10_000;
    /** How often {@link #eventually} looks again. */
    static final long POLL_MS = 20;
    /** A whole case, including its client start-up and close. */
    static final long CASE_MS = 30_000;

    interface Case {
        void run(String connect, String root) throws Exception;
    }

    static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailed(String what) {
            super(what);
        }
    }

    private final Map<String, Case> cases = new LinkedHashMap<>();
    private final String prefix;

    Matrix(String prefix) {
        this.prefix = prefix;
    }

    Matrix add(String name, Case body) {
        cases.put(name, body);
        return this;
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new CheckFailed(what);
        }
    }

    static <T> void checkEqual(T expected, T actual, String what) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            throw new CheckFailed(what + ": expected <" + expected + ">, got <" + actual + ">");
        }
    }

    static void await(CountDownLatch latch, String what) throws InterruptedException {
        check(latch.await(WAIT_MS, TimeUnit.MILLISECONDS), "waited " + WAIT_MS + " ms for " + what);
    }

    static <T> T take(BlockingQueue<T> queue, String what) throws InterruptedException {
        T item = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        check(item != null, "waited " + WAIT_MS + " ms for " + what);
        return item;
    }

    /** Polls {@code condition} until it holds, at most {@link #WAIT_MS}; for states no callback reports. */
    static void eventually(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        while (!condition.holds()) {
            check(System.nanoTime() < deadline, "waited " + WAIT_MS + " ms for " + what);
            Thread.sleep(POLL_MS);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** A call that must throw {@code type}; anything else fails the check. */
    interface Call {
        void run() throws Exception;
    }

    static void expectThrows(Class<? extends Exception> type, String what, Call call) {
        try {
            call.run();
        } catch (Exception e) {
            check(type.isInstance(e), what + ": expected " + type.getSimpleName() + ", got " + e);
            return;
        }
        throw new CheckFailed(what + ": expected " + type.getSimpleName() + ", but the call returned");
    }

    /** Runs the named cases (all when none are named); returns the process exit code. */
    int run(String connect, List<String> names) throws InterruptedException {
        List<String> chosen = names.isEmpty() ? new ArrayList<>(cases.keySet()) : names;
        String base = "/" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        int failed = 0;
        for (String name : chosen) {
            String outcome = runOne(connect, base + "-" + name, name);
            System.out.println("CASE " + name + " " + outcome);
            System.out.flush();
            if (!outcome.startsWith("PASS")) {
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private String runOne(String connect, String root, String name) throws InterruptedException {
        Case body = cases.get(name);
        if (body == null) {
            return "FAIL unknown case (known: " + cases.keySet() + ")";
        }
        AtomicReference<Throwable> error = new AtomicReference<>();
        long start = System.nanoTime();
        Thread worker = new Thread(() -> {
            try {
                body.run(connect, root);
            } catch (Throwable t) {
                error.set(t);
            }
        }, "case-" + name);
        worker.setDaemon(true);
        worker.start();
        worker.join(CASE_MS);
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (worker.isAlive()) {
            return "FAIL did not finish within " + CASE_MS + " ms";
        }
        Throwable t = error.get();
        if (t == null) {
            return "PASS (" + ms + " ms)";
        }
        if (!(t instanceof CheckFailed)) {
            t.printStackTrace();
        }
        String why = t instanceof CheckFailed ? t.getMessage() : t.toString();
        return "FAIL " + why.replace('\n', ' ');
    }
}
