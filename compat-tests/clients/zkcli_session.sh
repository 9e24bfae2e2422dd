#!/bin/bash
# Drives Debian's Java command-line client (/usr/share/zookeeper/bin/zkCli.sh) against
# HOST:PORT and checks what it prints.
#
# zkCli.sh reads commands from a non-terminal stdin one at a time and runs each
# synchronously, so a whole session is one invocation fed a here-document. zkCli prints
# results on stdout and "Created ..." and errors on stderr; the two streams are checked
# separately because their relative order is not guaranteed. Every run is under `timeout`.
# Exit 0: all checks passed. Exit 1: the failed check and the output are printed.
set -u

HOSTPORT=${1:?usage: zkcli_session.sh HOST:PORT}
ZKCLI=${ZKCLI:-/usr/share/zookeeper/bin/zkCli.sh}
RUN_TIMEOUT_S=${RUN_TIMEOUT_S:-60}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="/zkcli-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
name=""

fail() {
    echo "FAIL: $*"
    for f in "$work/$name.out" "$work/$name.err"; do
        echo "---- $(basename "$f") ----"
        [ -f "$f" ] && cat -n "$f"
    done
    exit 1
}

[ -x "$ZKCLI" ] || fail "$ZKCLI not found (apt-get install zookeeper)"

# run_session NAME < commands: one zkCli.sh run; must end by itself with exit code 0.
run_session() {
    name=$1
    timeout -k 5 "$RUN_TIMEOUT_S" "$ZKCLI" -server "$HOSTPORT" >"$work/$name.out" 2>"$work/$name.err"
    local rc=$?
    [ "$rc" -ne 124 ] || fail "zkCli.sh did not finish within ${RUN_TIMEOUT_S}s"
    [ "$rc" -eq 0 ] || fail "zkCli.sh exited with $rc"
}

# expect_lines STREAM LINE...: the lines occur in STREAM (out|err) in this order; a line
# written as re:REGEX matches by regular expression instead of exactly.
expect_lines() {
    local stream=$1
    shift
    local i=0 line want
    local -a wants=("$@")
    while [ "$i" -lt "${#wants[@]}" ] && IFS= read -r line; do
        want=${wants[$i]}
        if [[ $want == re:* ]]; then
            [[ $line =~ ${want#re:} ]] && i=$((i + 1))
        else
            [ "$line" = "$want" ] && i=$((i + 1))
        fi
    done <"$work/$name.$stream"
    [ "$i" -eq "${#wants[@]}" ] || fail "$name: std$stream lacks '${wants[$i]}' (expected in order: $(printf "'%s' " "$@"))"
}

run_session first <<EOF
create $root root
create $root/n hello
get $root/n
set $root/n world
get -s $root/n
create -s $root/n/seq- x
create -e $root/eph e
stat $root/eph
ls $root
stat $root/n
create $root/n again
get $root/nope
set -v 7 $root/n stale
delete $root/n
create $root/eph/child x
create $root/missing/child x
delete $root/n/seq-0000000000
delete $root/n
ls $root
quit
EOF
expect_lines out \
    "hello" \
    "world" "cversion = 0" "dataVersion = 1" "ephemeralOwner = 0x0" "dataLength = 5" "numChildren = 0" \
    "re:^ephemeralOwner = 0x0*[1-9a-f][0-9a-f]*$" "dataLength = 1" \
    "[eph, n]" \
    "cversion = 1" "dataVersion = 1" "numChildren = 1" \
    "[eph]"
expect_lines err \
    "Created $root" "Created $root/n" "Created $root/n/seq-0000000000" "Created $root/eph" \
    "Node already exists: $root/n" \
    "Node does not exist: $root/nope" \
    "version No is not valid : $root/n" \
    "Node not empty: $root/n" \
    "Ephemerals cannot have children: $root/eph/child" \
    "Node does not exist: $root/missing/child"

# The first session has closed: its ephemeral must be gone. Then clean up.
run_session second <<EOF
ls $root
stat $root/eph
delete $root
stat $root
ls /zookeeper
quit
EOF
# zkCli.sh exits with the status of its last command, so the session ends on a good one.
expect_lines out "[]" "[config, quota]"
expect_lines err "Node does not exist: $root/eph" "Node does not exist: $root"

echo "zkcli_session: all checks passed against $HOSTPORT"
