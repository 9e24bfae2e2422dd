"""The second opinion (shared/tools/zkbench), the engine's allocation benchmark and the machine's facts."""
import glob
import json
import os
import platform
import shutil
import subprocess

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def zkbench(bench, kinds, log):
    """Runs the official-Java-client load generator against both servers (a copy is built in the work dir)."""
    src = os.path.abspath(os.path.join(ROOT, "..", "shared", "tools", "zkbench"))
    if not os.path.isdir(src):
        src = os.environ.get("ZKBENCH_DIR", "")
    if not os.path.isdir(src):
        log("zkbench: shared/tools/zkbench not found, skipped")
        return {"available": False}
    dst = os.path.join(bench.work, "zkbench")
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("results", "classes", "*.jar"))
    subprocess.run(["bash", "build.sh"], cwd=dst, check=True, capture_output=True)
    a = bench.args
    servers = {k: bench.server(k, f"{k}-zkbench") for k in kinds}
    out = {k: {} for k in kinds}
    try:
        for s in servers.values():
            s.wipe()
            s.start()
        for w in ("read", "write", "mixed"):
            for k in kinds:
                s = servers[k]
                cmd = [os.path.join(dst, "zkbench"), "--connect", f"127.0.0.1:{s.port}", "--workload", w,
                       "--sessions", "16", "--outstanding", "100", "--warmup", str(a.warmup), "--duration", str(a.duration),
                       "--server-pids", str(s.pid), "--label", f"{k}-zkbench"]
                env = dict(os.environ, ZKBENCH_CPUS="1")
                run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
                line = next((x for x in run.stdout.splitlines()[::-1] if x.startswith("{")), None)
                if line is None:
                    raise RuntimeError(f"zkbench failed: {run.stderr[-2000:]}")
                res = bench.record("zkbench", k, json.loads(line))
                out[k][w] = res
                log(f"zkbench {w:6s} {k:8s} {res['ops_per_s']:>10.0f} ops/s p99 {res['p99_us']:>9.0f} us errors {res['errors_total']}")
    finally:
        for s in servers.values():
            s.stop()
    return {"available": True, "runs": out}


def engine_allocations(bench, log):
    """BenchmarkDotNet's MemoryDiagnoser on the embedded engine (pinned to the client CPU); its GitHub table."""
    dll = os.path.join(ROOT, "bench/ZkCompat.Bench.Engine/bin/Release/net10.0/ZkCompat.Bench.Engine.dll")
    artifacts = os.path.join(bench.work, "bdn")
    shutil.rmtree(artifacts, ignore_errors=True)
    run = subprocess.run(["taskset", "-c", "1", "dotnet", dll, "--filter", "*", "--artifacts", artifacts],
                         capture_output=True, text=True, timeout=900)
    reports = glob.glob(os.path.join(artifacts, "results", "*-report-github.md"))
    if not reports:
        raise RuntimeError(f"BenchmarkDotNet wrote no report: {run.stdout[-2000:]}")
    text = open(reports[0]).read()
    table = "\n".join(line for line in text.splitlines() if line.startswith("|"))
    log("engine allocations:\n" + table)
    return {"table": table, "header": "\n".join(line for line in text.splitlines() if line and not line.startswith("|") and not line.startswith("```"))}


def machine():
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return ""
    return {
        "cpu": sh("lscpu | sed -n 's/^Model name: *//p'"),
        "cores": os.cpu_count(),
        "memory": sh("free -h | awk '/^Mem:/{print $2}'"),
        "kernel": platform.release(),
        "os": sh(". /etc/os-release && echo $PRETTY_NAME"),
        "disk": sh("findmnt -no SOURCE,FSTYPE --target ${TMPDIR:-/tmp}"),
        "dotnet": sh("dotnet --version"),
        "java": sh("java -version 2>&1 | head -1"),
        "zookeeper": sh("dpkg-query -W -f='${Version}' zookeeper"),
        "commit": sh(f"git -C {ROOT} rev-parse --short HEAD"),
        "load_before": sh("cut -d' ' -f1-3 /proc/loadavg"),
    }
