#!/usr/bin/env bash
# node-zookeeper-client from the npm registry, pinned by package-lock.json.
#   matrix.sh build OUT                    npm ci into OUT (outside the repository)
#   matrix.sh run OUT HOST:PORT [CASE ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

case "${1:-}" in
  build)
    out="$2"
    # Debian's own nodejs ships without npm (package npm); NodeSource's nodejs includes it.
    command -v npm >/dev/null || { echo "FAIL npm is missing: apt-get install npm (or a nodejs that bundles it)" >&2; exit 1; }
    export HOME="${HOME:-$out}"  # npm keeps its download cache under HOME
    cp "$here/package.json" "$here/package-lock.json" "$out/"
    cd "$out"
    exec npm ci --no-audit --no-fund --no-update-notifier --loglevel=error
    ;;
  run)
    out="$2"; shift 2
    NODE_PATH="$out/node_modules" exec node "$here/node_matrix.js" "$@"
    ;;
  *)
    echo "usage: matrix.sh build OUT | run OUT HOST:PORT [CASE ...]" >&2
    exit 2
    ;;
esac
