#!/usr/bin/env bash
# ZkCompat's counterpart of Apache ZooKeeper's bin/zkServer.sh, with the same verbs and variables:
#   bin/zkServer.sh [--config <conf-dir>] {start|start-foreground|stop|restart|status|version|print-cmd} [zoo.cfg]
# Variables: ZOOCFGDIR (conf dir, default <root>/conf), ZOOCFG (file name, default zoo.cfg),
# ZOO_LOG_DIR (where `start` writes its .out file, default <root>/logs), ZOOPIDFILE (default
# <dataDir>/zookeeper_server.pid), SERVER_JVMFLAGS and JVMFLAGS (their -Dkey=value options are the
# server's system properties; JVM-only flags such as -Xmx are ignored), ZOO_LOG4J_PROP (its level,
# e.g. "DEBUG,CONSOLE", sets the log level), ZKCOMPAT_BIN (a prebuilt zkcompat executable, e.g. the
# release build; otherwise the server is built on first use into <root>/.build/server).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/.build/server"

if [ "${1:-}" = "--config" ]; then
  ZOOCFGDIR="${2:?--config needs a directory}"
  shift 2
fi
ZOOCFGDIR="${ZOOCFGDIR:-$root/conf}"
ZOOCFG="${ZOOCFG:-zoo.cfg}"
ZOOCFG="$ZOOCFGDIR/$ZOOCFG"
if [ -n "${2:-}" ]; then
  # Like Java's script: a bare name is looked up in ZOOCFGDIR, a path is taken as it is.
  case "$2" in
    */*) ZOOCFG="$2" ;;
    *) ZOOCFG="$ZOOCFGDIR/$2" ;;
  esac
fi
ZOO_LOG_DIR="${ZOO_LOG_DIR:-$root/logs}"

usage() {
  echo "Usage: $0 [--config <conf-dir>] {start|start-foreground|stop|version|restart|status|print-cmd}" >&2
  exit 1
}

# The value of a zoo.cfg key (last one wins, as in Java's Properties); empty if unset.
cfg_value() {
  [ -f "$ZOOCFG" ] || return 0
  sed -n -E "s/^[[:space:]]*$1[[:space:]]*[=:[:space:]][[:space:]]*(.*[^[:space:]])[[:space:]]*\$/\\1/p" "$ZOOCFG" | tail -n 1
}

needs_build() {
  [ ! -f "$build/zkcompat.dll" ] && return 0
  [ -n "$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$build/zkcompat.dll" -print -quit)" ]
}

# Sets server_bin (the program) and server_cmd (with its options, without the zoo.cfg).
resolve_server() {
  if [ -n "${ZKCOMPAT_BIN:-}" ]; then
    server_bin=("$ZKCOMPAT_BIN")
  else
    if needs_build; then
      echo "Building ZkCompat into $build ..." >&2
      dotnet publish "$root/src/Server/ZkCompat.Server.Host/ZkCompat.Server.Host.csproj" \
        -c Release -o "$build" --nologo -v quiet >&2
    fi
    server_bin=(dotnet "$build/zkcompat.dll")
  fi
  server_cmd=("${server_bin[@]}")
  local flag
  for flag in ${SERVER_JVMFLAGS:-} ${JVMFLAGS:-}; do
    case "$flag" in -D*) server_cmd+=("$flag") ;; esac
  done
  if [ -n "${ZOO_LOG4J_PROP:-}" ]; then
    server_cmd+=(--log-level "${ZOO_LOG4J_PROP%%,*}")
  fi
}

data_dir="$(cfg_value dataDir)"
ZOOPIDFILE="${ZOOPIDFILE:-${data_dir:-$root}/zookeeper_server.pid}"
out_file="$ZOO_LOG_DIR/zookeeper-${USER:-$(id -un)}-server-$(hostname).out"

running_pid() {
  [ -f "$ZOOPIDFILE" ] || return 1
  local pid
  pid="$(cat "$ZOOPIDFILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Prints the srvr answer of the server on the configured client port (srvr is always whitelisted).
srvr() {
  local host="${1:-127.0.0.1}" port="$2"
  timeout 5 bash -c "exec 3<>/dev/tcp/$host/$port && printf srvr >&3 && cat <&3" 2>/dev/null || true
}

client_address() {
  local address
  address="$(cfg_value clientPortAddress)"
  case "$address" in ""|0.0.0.0) echo 127.0.0.1 ;; *) echo "$address" ;; esac
}

start() {
  echo "Starting zookeeper ... " >&2
  if pid="$(running_pid)"; then
    echo "zookeeper already running as process $pid."
    exit 1
  fi
  resolve_server
  mkdir -p "$ZOO_LOG_DIR" "$(dirname "$ZOOPIDFILE")"
  nohup "${server_cmd[@]}" "$ZOOCFG" > "$out_file" 2>&1 < /dev/null &
  local pid=$!
  echo "$pid" > "$ZOOPIDFILE"
  # Ready means answering srvr on the client port (an ensemble member still looking for its
  # peers answers that it is not serving yet); give up if the process dies first.
  local port address deadline=$((SECONDS + 60))
  port="$(cfg_value clientPort)"
  address="$(client_address)"
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
    if [ -z "$port" ] || srvr "$address" "$port" | grep -qE '^Mode: |not currently serving'; then
      echo STARTED
      return 0
    fi
    sleep 0.1
  done
  # Never leave a server running that no pid file points at.
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  echo "FAILED TO START (see $out_file)"
  rm -f "$ZOOPIDFILE"
  exit 1
}

stop() {
  echo "Stopping zookeeper ... " >&2
  if [ ! -f "$ZOOPIDFILE" ]; then
    echo "no zookeeper to stop (could not find file $ZOOPIDFILE)"
    return 0
  fi
  local pid deadline=$((SECONDS + ${ZOO_STOP_TIMEOUT:-30}))
  pid="$(cat "$ZOOPIDFILE")"
  # SIGTERM: the server stops accepting, closes connections (sessions live on) and exits 0.
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "zookeeper (process $pid) did not stop within ${ZOO_STOP_TIMEOUT:-30}s" >&2
    exit 1
  fi
  rm -f "$ZOOPIDFILE"
  echo STOPPED
}

status() {
  local port address answer
  port="$(cfg_value clientPort)"
  address="$(cfg_value clientPortAddress)"
  if [ -z "$port" ]; then
    echo "Unable to find client port in $ZOOCFG" >&2
    exit 1
  fi
  echo "Client port found: $port. Client address: ${address:-localhost}. Client SSL: false." >&2
  answer="$(srvr "$(client_address)" "$port" | grep '^Mode: ' || true)"
  if [ -z "$answer" ]; then
    echo "Error contacting service. It is probably not running." >&2
    exit 1
  fi
  echo "$answer"
}

command="${1:-}"
case "$command" in
  start|start-foreground|stop|restart|status|print-cmd) echo "Using config: $ZOOCFG" >&2 ;;
esac

case "$command" in
  start) start ;;
  start-foreground)
    resolve_server
    exec "${server_cmd[@]}" "$ZOOCFG"
    ;;
  stop) stop ;;
  restart)
    stop
    start
    ;;
  status) status ;;
  version)
    resolve_server
    "${server_bin[@]}" --version
    ;;
  print-cmd)
    resolve_server
    printf '%q ' "${server_cmd[@]}" "$ZOOCFG"
    printf '> %q 2>&1 < /dev/null\n' "$out_file"
    ;;
  *) usage ;;
esac
