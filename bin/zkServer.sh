#!/usr/bin/env bash
# ZkCompat's counterpart of ZooKeeper's bin/zkServer.sh.
#   bin/zkServer.sh start-foreground [path/to/zoo.cfg]
# Builds the server on first use (or when sources changed), then replaces this shell with it
# (exec), so the PID stays the same and signals reach the server.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/.build/server"
binary="$build/zkcompat.dll"

usage() {
  echo "Usage: $0 start-foreground [zoo.cfg]" >&2
  echo "(start, stop, restart, status, version and print-cmd come with the operations issue)" >&2
  exit 1
}

needs_build() {
  [ ! -f "$binary" ] && return 0
  [ -n "$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$binary" -print -quit)" ]
}

build_server() {
  echo "Building ZkCompat into $build ..." >&2
  dotnet publish "$root/src/Server/ZkCompat.Server.Host/ZkCompat.Server.Host.csproj" \
    -c Release -o "$build" --nologo -v quiet >&2
}

command="${1:-}"
config="${2:-${ZOOCFGDIR:-$root/conf}/${ZOOCFG:-zoo.cfg}}"
[ -n "${2:-}" ] && config="$2"

case "$command" in
  start-foreground)
    needs_build && build_server
    exec dotnet "$binary" "$config"
    ;;
  *)
    usage
    ;;
esac
