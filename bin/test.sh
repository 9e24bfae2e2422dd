#!/usr/bin/env bash
# Runs every ZkCompat test on a fresh Debian machine, installing what the tests need first:
# Debian's Java ZooKeeper 3.8.0 (the oracle), its C client and kazoo, gcc (it links the NativeAOT
# release build, which one test publishes), then NuGet packages.
# Ends with one plain line: "N passed, N failed".
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

packages=(zookeeper zookeeper-bin python3-kazoo default-jre-headless default-jdk-headless libcurator-framework-java libcurator-recipes-java golang-go golang-github-samuel-go-zookeeper-dev nodejs gcc)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..." >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || {
    echo "apt-get install ${missing[*]} failed" >&2
    echo "0 passed, 1 failed"
    exit 1
  }
fi

dotnet restore ZkCompat.sln --nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test ZkCompat.sln --no-restore --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summaries: "Passed!  - Failed:     0, Passed:   316, ..."
read -r passed failed < <(awk '
  /(Passed|Failed)! +- +Failed: / {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") { gsub(",", "", $(i+1)); f += $(i+1) }
      if ($i == "Passed:") { gsub(",", "", $(i+1)); p += $(i+1) }
    }
  }
  END { print p + 0, f + 0 }' "$log")

# Style is part of the build (STYLE.md): unformatted code counts as one failure.
if ! dotnet format ZkCompat.sln --verify-no-changes --no-restore >&2; then
  echo "dotnet format --verify-no-changes: the code is not formatted (run: dotnet format ZkCompat.sln)" >&2
  failed=$((failed + 1))
  status=1
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the run broke (build error, crashed host) without a test to blame
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
