#!/usr/bin/env python3
"""Side-by-side benchmark of Java ZooKeeper 3.8.0 and ZkCompat (bench/run.sh runs this).

Servers run pinned to CPU 0, every load generator to CPU 1. Each workload runs against both
servers alternately over several rounds; medians and ZkCompat/Java ratios go to results.json,
and report.py turns that into docs/PERFORMANCE.md's results section and plots.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import zkservers  # noqa: E402
from zkservers import Server  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVER_CPU, CLIENT_CPU = "0", "1"
KINDS = ("java", "zkcompat")
WORKLOADS = ("read", "write", "mixed", "create", "watch", "ephemeral")


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = args.workdir
        self.tool = os.path.join(ROOT, "bench/ZkCompat.Bench/bin/Release/net10.0/zkcompat-bench")
        self.zkcompat = os.path.join(ROOT, ".build/release/zkcompat")
        self.raw = open(os.path.join(self.work, "raw.jsonl"), "w")
        self.results = {"started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "quick": args.quick}

    def record(self, phase, server, data):
        data = dict(data, phase=phase, server=server)
        self.raw.write(json.dumps(data) + "\n")
        self.raw.flush()
        return data

    def server(self, kind, name=None, **kw):
        d = os.path.join(self.work, name or kind)
        os.makedirs(d, exist_ok=True)
        return Server(kind, d, SERVER_CPU, self.zkcompat, **kw)

    def load(self, port, pid, workload, label, **opts):
        """Runs zkcompat-bench on the client CPU; returns its JSON (errors included, never hidden)."""
        cmd = ["taskset", "-c", CLIENT_CPU, self.tool, "--connect", port if isinstance(port, str) else f"127.0.0.1:{port}",
               "--workload", workload, "--label", label]
        if pid:
            cmd += ["--server-pid", str(pid)]
        for key, value in opts.items():
            cmd += ["--" + key.replace("_", "-"), str(value)]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
        if not line.startswith("{"):
            raise RuntimeError(f"zkcompat-bench failed ({out.returncode}): {out.stderr[-2000:]}")
        return json.loads(line)

    def run_on(self, server, workload, label, **opts):
        """One load run against a live server. If the server died (its exit code is reported),
        it is restarted on its data and the run tried once more; a second failure raises."""
        for attempt in (1, 2):
            if server.proc.poll() is not None:
                code = server.proc.returncode
                log(f"{server.kind} exited with {code} before {label}; restarting it on its data")
                self.results.setdefault("incidents", []).append(
                    self.record("incident", server.kind, {"label": label, "exit_code": code}))
                server.start()
            try:
                return self.load(server.port, server.pid, workload, label, **opts)
            except RuntimeError as e:
                if attempt == 2 or server.proc.poll() is None:
                    raise
                log(f"{label}: {e}")
        raise AssertionError("unreachable")

    # ---- phases -------------------------------------------------------------------------

    def matrix(self):
        """Every workload, both servers alternately, several rounds; closed loop at 16 x 32."""
        a = self.args
        servers = {k: self.server(k, f"{k}-matrix") for k in KINDS}
        for s in servers.values():
            s.wipe()
            s.start()
        runs = {k: {w: [] for w in WORKLOADS} for k in KINDS}
        try:
            for r in range(a.rounds):
                for w in WORKLOADS:
                    order = KINDS if (r + WORKLOADS.index(w)) % 2 == 0 else KINDS[::-1]
                    for k in order:
                        s = servers[k]
                        res = self.run_on(s, w, f"{k}-r{r + 1}", sessions=16, outstanding=32,
                                        warmup=a.warmup, duration=a.duration)
                        runs[k][w].append(self.record("matrix", k, res))
                        log(f"round {r + 1} {w:9s} {k:8s} {res['ops_per_s']:>10.0f} ops/s p99 {res['p99_us']:>9.0f} us errors {res['errors_total']}")
        finally:
            for s in servers.values():
                s.stop()
        self.results["matrix"] = runs

    def sweep(self):
        """Throughput and latency against concurrency (total requests in flight) for the plots."""
        a = self.args
        levels = [1, 4, 16, 64, 256, 512] if not a.quick else [1, 16, 256]
        servers = {k: self.server(k, f"{k}-sweep") for k in KINDS}
        for s in servers.values():
            s.wipe()
            s.start()
        out = {k: {w: [] for w in ("read", "write")} for k in KINDS}
        try:
            for w in ("read", "write"):
                for i, level in enumerate(levels):
                    sessions = min(level, 16)
                    for k in (KINDS if i % 2 == 0 else KINDS[::-1]):
                        s = servers[k]
                        res = self.run_on(s, w, f"{k}-c{level}", sessions=sessions, outstanding=level // sessions,
                                        warmup=a.sweep_warmup, duration=a.sweep_duration)
                        res["concurrency"] = level
                        out[k][w].append(self.record("sweep", k, res))
                        log(f"sweep {w} c={level:<4d} {k:8s} {res['ops_per_s']:>10.0f} ops/s p99 {res['p99_us']:>9.0f} us")
        finally:
            for s in servers.values():
                s.stop()
        self.results["sweep"] = out

    def equal_load(self):
        """p99 at the same offered load: open loop at half the lower of the two medians, 3 runs each, alternating."""
        a = self.args
        servers = {k: self.server(k, f"{k}-equal") for k in KINDS}
        for s in servers.values():
            s.wipe()
            s.start()
        out = {}
        try:
            for w in ("read", "write", "mixed"):
                rate = 0.5 * min(statistics.median(r["ops_per_s"] for r in self.results["matrix"][k][w]) for k in KINDS)
                rate = max(100, round(rate, -2))
                out[w] = {"rate": rate, "java": [], "zkcompat": []}
                for rep in range(a.rounds):
                    for k in (KINDS if rep % 2 == 0 else KINDS[::-1]):
                        s = servers[k]
                        res = self.run_on(s, w, f"{k}-rate{rate}", sessions=16, outstanding=1, rate=rate,
                                        warmup=a.warmup, duration=a.duration)
                        out[w][k].append(self.record("equal_load", k, res))
                        log(f"equal load {w} {rate:.0f}/s {k:8s} p50 {res['p50_us']:.0f} p99 {res['p99_us']:.0f} us")
        finally:
            for s in servers.values():
                s.stop()
        self.results["equal_load"] = out

    def start_and_idle(self):
        """Start to serving (spawn until a real getData answers) and idle RSS 5 s later, empty dataDir; pinned, then on both CPUs."""
        out = {}
        for placement, cpus in (("pinned", SERVER_CPU), ("unpinned", "0,1")):
            for rep in range(self.args.start_reps):
                for k in (KINDS if rep % 2 == 0 else KINDS[::-1]):
                    s = self.server(k, f"{k}-start")
                    s.cpus = cpus
                    s.wipe()
                    ms = s.start()
                    time.sleep(5 if placement == "pinned" else 0.5)
                    rss = s.rss_kib()
                    s.stop()
                    entry = {"start_ms": ms, "placement": placement}
                    if placement == "pinned":
                        entry["rss_idle_kib"] = rss
                    out.setdefault(placement, {}).setdefault(k, []).append(self.record("start", k, entry))
                    log(f"start {placement} {k:8s} {ms:.0f} ms, RSS {rss / 1024:.1f} MiB")
        self.results["start"] = out

    def big_tree(self):
        """1,000,000 znodes of 100 bytes: RSS, snapshot size, graceful stop and recovery time."""
        a = self.args
        out = {}
        for k in KINDS:
            s = self.server(k, f"{k}-big")
            s.wipe()
            s.start()
            time.sleep(5)
            idle = s.rss_kib()
            pop = self.load(s.port, None, "populate", f"{k}-populate", keys=a.znodes, size=100, sessions=8, outstanding=100)
            time.sleep(5)
            loaded = s.rss_kib()
            stop_ms = s.stop()
            last = pop["last_path"]
            recoveries, recovered_rss = [], None
            for rep in range(a.recovery_reps):
                ms = s.start(ready_path=last)
                got = zkservers.zk_get(s.port, last)
                if got != (0, 100):
                    raise RuntimeError(f"{k}: {last} not recovered ({got})")
                recoveries.append(ms)
                if rep == 0:
                    time.sleep(5)
                    recovered_rss = s.rss_kib()
                snapshot = s.snapshot_bytes()
                s.stop()
            out[k] = self.record("big_tree", k, {
                "znodes": a.znodes, "populate": pop, "rss_idle_kib": idle, "rss_loaded_kib": loaded,
                "rss_recovered_kib": recovered_rss, "stop_ms": stop_ms, "recovery_ms": recoveries, "snapshot_bytes": snapshot})
            log(f"big tree {k:8s} populate {pop['ops_per_s']:.0f}/s, RSS {loaded / 1024:.0f} MiB loaded, {recovered_rss / 1024:.0f} MiB recovered, "
                f"snapshot {snapshot / 1e6:.1f} MB, recovery {statistics.median(recoveries):.0f} ms")
            shutil.rmtree(s.data, ignore_errors=True)
        self.results["big_tree"] = out

    def ensemble(self):
        """3-node ensemble write throughput (all three on the server CPU). ZkCompat's is reported once it forms a quorum."""
        a = self.args
        out = {}
        for k in KINDS:
            ports = [(i, zkservers.free_port(), zkservers.free_port(), zkservers.free_port()) for i in (1, 2, 3)]
            nodes = [self.server(k, f"{k}-ens{sid}", port=cport, myid=sid, quorum=ports) for sid, cport, _, _ in ports]
            try:
                for n in nodes:
                    n.wipe()
                    n.start(wait=False)
                modes = self.wait_modes(nodes, 60)
                if sorted(modes) != ["follower", "follower", "leader"]:
                    out[k] = self.record("ensemble", k, {"available": False, "modes": modes})
                    log(f"ensemble {k}: not available (modes {modes})")
                    continue
                connect = ",".join(f"127.0.0.1:{n.port}" for n in nodes)
                res = self.load(connect, None, "write", f"{k}-ensemble", sessions=15, outstanding=32, warmup=a.warmup, duration=a.duration)
                out[k] = self.record("ensemble", k, dict(res, available=True, modes=modes))
                log(f"ensemble {k}: write {res['ops_per_s']:.0f} ops/s p99 {res['p99_us']:.0f} us")
            finally:
                for n in nodes:
                    if n.proc:
                        n.stop()
        self.results["ensemble"] = out

    @staticmethod
    def wait_modes(nodes, timeout):
        deadline = time.monotonic() + timeout
        modes = []
        while time.monotonic() < deadline:
            modes = []
            for n in nodes:
                text = zkservers.four_letter(n.port, "srvr") if n.proc.poll() is None else ""
                mode = next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Mode:")), "down")
                modes.append(mode)
            if sorted(modes) == ["follower", "follower", "leader"] or "standalone" in modes:
                return modes
            time.sleep(0.2)
        return modes


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true", help="seconds, not minutes: 1 round, short windows, 20k znodes")
    p.add_argument("--only", default="", help="comma list of phases (matrix,sweep,equal,start,big,ensemble,zkbench,alloc)")
    p.add_argument("--workdir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "zkcompat-bench-run"))
    p.add_argument("--out", default=os.path.join(ROOT, "docs"))
    a = p.parse_args()
    a.rounds = 1 if a.quick else 3
    a.warmup, a.duration = (1, 2) if a.quick else (3, 5)
    a.sweep_warmup, a.sweep_duration = (1, 1) if a.quick else (2, 3)
    a.start_reps = 2 if a.quick else 5
    a.znodes = 20_000 if a.quick else 1_000_000
    a.recovery_reps = 1 if a.quick else 3
    shutil.rmtree(a.workdir, ignore_errors=True)
    os.makedirs(a.workdir)
    import extras
    import report
    bench = Bench(a)
    bench.results["machine"] = extras.machine()
    bench.results["command"] = "bench/run.sh" + (" " + " ".join(sys.argv[1:]) if sys.argv[1:] else "")
    phases = [("matrix", bench.matrix), ("sweep", bench.sweep), ("equal", bench.equal_load), ("start", bench.start_and_idle),
              ("big", bench.big_tree), ("ensemble", bench.ensemble),
              ("zkbench", lambda: bench.results.__setitem__("zkbench", extras.zkbench(bench, KINDS, log))),
              ("alloc", lambda: bench.results.__setitem__("alloc", extras.engine_allocations(bench, log)))]
    only = set(filter(None, a.only.split(",")))
    if "equal" in only:
        only.add("matrix")
    t0 = time.monotonic()
    for name, run in phases:
        if only and name not in only:
            continue
        log(f"== {name}")
        run()
    bench.results["elapsed_s"] = round(time.monotonic() - t0)
    bench.results["machine"]["load_after"] = open("/proc/loadavg").read().split()[:3]
    with open(os.path.join(a.workdir, "results.json"), "w") as f:
        json.dump(bench.results, f, indent=1)
    report.write(bench.results, a.out, os.path.join(a.workdir, "raw.jsonl"))
    log(f"done in {bench.results['elapsed_s']} s; results in {a.workdir}, report in {a.out}/PERFORMANCE.md")


if __name__ == "__main__":
    main()
