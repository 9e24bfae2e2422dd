#!/usr/bin/env bash
# Regenerates docs/COMPATIBILITY.md: runs every differential scenario (compat-tests/ZkCompat.CompatTests/
# Differential) against Debian's Java ZooKeeper 3.8.0 and ZkCompat, and writes the outcomes.
# Needs what compat-tests/README.md lists (apt-get install zookeeper). Extra arguments go to dotnet test.
# Exits with the test run's status; the report is written either way, so a failure shows in it.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
report="$root/docs/COMPATIBILITY.md"
mkdir -p "$(dirname "$report")"
ZKCOMPAT_COMPAT_REPORT="$report" dotnet test compat-tests/ZkCompat.CompatTests \
  --filter "FullyQualifiedName~ZkCompat.CompatTests.Differential.DifferentialTests" "$@"
status=$?
echo "wrote $report" >&2
exit $status
