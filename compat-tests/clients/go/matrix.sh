#!/usr/bin/env bash
# github.com/samuel/go-zookeeper from Debian (golang-github-samuel-go-zookeeper-dev), built in
# GOPATH mode against /usr/share/gocode: nothing is downloaded.
#   matrix.sh build OUT                    go build into OUT/go_matrix (build cache in OUT too)
#   matrix.sh run OUT HOST:PORT [CASE ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

case "${1:-}" in
  build)
    out="$2"
    cd "$here"
    export GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$out/gocache" GOENV=off GOFLAGS= GOPROXY=off GOTOOLCHAIN=local
    exec go build -o "$out/go_matrix" main.go
    ;;
  run)
    out="$2"; shift 2
    exec "$out/go_matrix" "$@"
    ;;
  *)
    echo "usage: matrix.sh build OUT | run OUT HOST:PORT [CASE ...]" >&2
    exit 2
    ;;
esac
