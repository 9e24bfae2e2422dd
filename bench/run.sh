#!/usr/bin/env bash
# The side-by-side benchmark of Java ZooKeeper 3.8.0 and ZkCompat, in one command:
#   bench/run.sh            the full run (about 20 minutes on 2 cores)
#   bench/run.sh --quick    a minute or two, for trying the harness (not the real figures)
#   bench/run.sh --only matrix,start   some phases only (matrix sweep equal start big ensemble zkbench alloc)
# Installs what it needs with apt-get, builds ZkCompat's release and the benchmark tools, then runs
# bench/py/sidebyside.py (servers on CPU 0, load on CPU 1) under nice, and rewrites the results
# section of docs/PERFORMANCE.md and the plots in docs/perf/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# gcc links the NativeAOT release build.
packages=(zookeeper default-jre-headless default-jdk-headless python3-matplotlib util-linux gcc)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ "$(nproc)" -lt 2 ]; then echo "needs 2 CPUs (server on CPU 0, load on CPU 1)" >&2; exit 1; fi

echo "building the release and the benchmark tools..." >&2
nice dotnet publish src/Server/ZkCompat.Server.Host -p:PublishProfile=release --nologo -v quiet >&2
nice dotnet build bench/ZkCompat.Bench -c Release --nologo -v quiet >&2
nice dotnet build bench/ZkCompat.Bench.Engine -c Release --nologo -v quiet >&2

exec nice /usr/bin/python3 bench/py/sidebyside.py "$@"
