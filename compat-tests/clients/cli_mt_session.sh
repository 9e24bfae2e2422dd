#!/bin/bash
# Drives the ZooKeeper C client shell (Debian's zookeeper-bin: /usr/lib/zookeeper/bin/cli_mt)
# against HOST:PORT by scripted stdin, and checks what it prints.
#
# cli_mt runs most commands asynchronously and exits at end of input, so each command is
# written to a FIFO only after the previous answer was seen (an expect-style loop that
# polls the transcript against a deadline). Every cli_mt runs under `timeout`.
# Exit 0: all checks passed. Exit 1: the failed check and the transcript are printed.
set -u

HOSTPORT=${1:?usage: cli_mt_session.sh HOST:PORT}
CLI_MT=${CLI_MT:-/usr/lib/zookeeper/bin/cli_mt}
EXPECT_TIMEOUT_S=${EXPECT_TIMEOUT_S:-15}
SESSION_TIMEOUT_S=${SESSION_TIMEOUT_S:-90}

work=$(mktemp -d)
root="/cli-mt-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
cli_pid=""
out=""
offset=0
last_cmd="(connect)"

cleanup() {
    exec 3>&-
    if [ -n "$cli_pid" ] && kill -0 "$cli_pid" 2>/dev/null; then
        kill "$cli_pid" 2>/dev/null
        wait "$cli_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*"
    echo "---- cli_mt transcript ($out) ----"
    [ -n "$out" ] && cat -n "$out"
    exit 1
}

[ -x "$CLI_MT" ] || fail "$CLI_MT not found (apt-get install zookeeper-bin)"

# start_cli NAME: runs cli_mt reading commands from a FIFO held open on fd 3.
start_cli() {
    out="$work/$1.log"
    : > "$out"
    mkfifo "$work/$1.in"
    # stdbuf: cli_mt prints with stdio; line buffering keeps the transcript current.
    timeout -k 5 "$SESSION_TIMEOUT_S" stdbuf -oL -eL "$CLI_MT" "$HOSTPORT" <"$work/$1.in" >"$out" 2>&1 &
    cli_pid=$!
    exec 3>"$work/$1.in"
    offset=0
    last_cmd="(connect)"
    expect "Watcher SESSION_EVENT state = CONNECTED_STATE"
}

# send CMD: writes one command; later expectations look only at output printed after it.
send() {
    last_cmd=$1
    offset=$(stat -c %s "$out")
    printf '%s\n' "$1" >&3 || fail "could not write '$1' to cli_mt (it exited?)"
}

# Succeeds when stdin holds the given whole lines in this order (other lines may interleave).
# A last line without its newline is still being written and is not looked at.
lines_in_order() {
    local i=0 line
    local -a want=("$@")
    while [ "$i" -lt "${#want[@]}" ] && IFS= read -r line; do
        [ "$line" = "${want[$i]}" ] && i=$((i + 1))
    done
    [ "$i" -eq "${#want[@]}" ]
}

# expect LINE...: waits (bounded) until the lines appear, in order, after the last command.
expect() {
    local deadline=$((SECONDS + EXPECT_TIMEOUT_S))
    until tail -c +$((offset + 1)) "$out" | lines_in_order "$@"; do
        kill -0 "$cli_pid" 2>/dev/null || fail "after '$last_cmd': cli_mt exited before printing: $(printf "'%s' " "$@")"
        [ "$SECONDS" -lt "$deadline" ] || fail "after '$last_cmd': within ${EXPECT_TIMEOUT_S}s expected, in order: $(printf "'%s' " "$@")"
        sleep 0.05
    done
}

# expect_children PATH CHILD...: after `ls PATH`, the listed children are exactly CHILD...
expect_children() {
    local path=$1
    shift
    expect "$path: rc = 0"
    local deadline=$((SECONDS + EXPECT_TIMEOUT_S)) listing
    while :; do
        # cli_mt prints "PATH: rc = 0", one "\tchild" line per child, then "time = N msec".
        listing=$(tail -c +$((offset + 1)) "$out" | awk -v head="$path: rc = 0" '
            $0 == head { inside = 1; next }
            inside && /^time = / { done = 1; exit }
            inside && /^\t/ { sub(/^\t/, ""); print }
            END { if (!done) print "<incomplete>" }' | sort | tr '\n' ' ')
        [[ $listing != *"<incomplete>"* ]] && break
        [ "$SECONDS" -lt "$deadline" ] || fail "after '$last_cmd': the children listing never ended"
        sleep 0.05
    done
    local expected
    expected=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
    [ "$listing" = "$expected" ] || fail "after '$last_cmd': children are '$listing', expected '$expected'"
}

# stop_cli: quits, and requires cli_mt to exit 0 within the deadline.
stop_cli() {
    send "quit"
    expect "Quitting..."
    exec 3>&-
    local deadline=$((SECONDS + EXPECT_TIMEOUT_S))
    while kill -0 "$cli_pid" 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || fail "cli_mt did not exit within ${EXPECT_TIMEOUT_S}s of quit"
        sleep 0.05
    done
    wait "$cli_pid"
    local rc=$?
    cli_pid=""
    [ "$rc" -eq 0 ] || fail "cli_mt exited with $rc"
}

tab=$'\t'

# Session 1: CRUD, a sequential, an ephemeral, watches and error codes.
start_cli first
send "create $root";               expect "[$root]: rc = 0" "${tab}name = $root"
send "create $root/n";             expect "[$root/n]: rc = 0"
send "get $root/n";                expect "$root/n: rc = 0" " value_len = 3" "new"  # cli_mt writes "new"; get also sets a watch
send "set $root/n hello";          expect "$root/n: rc = 0 Stat:" "${tab}version=1${tab}aversion=0"
                                   expect "Watcher CHANGED_EVENT state = CONNECTED_STATE for path $root/n"
send "get $root/n";                expect "$root/n: rc = 0" " value_len = 5" "hello" "${tab}version=1${tab}aversion=0"
send "create +e $root/e";          expect "[$root/e]: rc = 0"
send "create +s $root/s-";         expect "[$root/s-]: rc = 0" "${tab}name = $root/s-0000000002"
send "ls $root";                   expect_children "$root" e n s-0000000002
send "create $root/n";             expect "[$root/n]: rc = -110"   # ZNODEEXISTS
send "get $root/nope";             expect "$root/nope: rc = -101"  # ZNONODE
send "delete $root";               expect "$root: rc = -111"       # ZNOTEMPTY
send "create $root/e/child";       expect "[$root/e/child]: rc = -108"  # ZNOCHILDRENFOREPHEMERALS
send "exists $root/nope";          expect "Error -101 for $root/nope"
send "delete $root/n";             expect "$root/n: rc = 0"
                                   expect "Watcher DELETED_EVENT state = CONNECTED_STATE for path $root/n"
                                   expect "Watcher CHILD_EVENT state = CONNECTED_STATE for path $root"
send "get $root/n";                expect "$root/n: rc = -101"
stop_cli

# Session 2: the first session's ephemeral went with it; clean up.
start_cli second
send "ls $root";                   expect_children "$root" s-0000000002
send "delete $root/s-0000000002";  expect "$root/s-0000000002: rc = 0"
send "delete $root";               expect "$root: rc = 0"
send "exists $root";               expect "Error -101 for $root"
stop_cli

echo "cli_mt_session: all checks passed against $HOSTPORT"
