#!/usr/bin/env bash
# Crash safety, at length: 8 clients write continuously through the daemon,
# which is killed with SIGKILL at a random moment and started again, ROUNDS
# times; after every restart each acknowledged write must be there, and
# `shuniu check` must pass at the end. The test suite runs 20 rounds of the
# same test (tests/daemon_crash.rs); this runs as many as you like.
#
#   scripts/crash-test.sh            # 200 rounds, release build
#   scripts/crash-test.sh 1000       # more
#   PROFILE=dev scripts/crash-test.sh 50
set -uo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-200}"
profile="${PROFILE:-release}"
flag=()
[ "$profile" = "release" ] && flag=(--release)

echo "crash test: $rounds rounds ($profile build)"
start=$(date +%s)
SHUNIU_CRASH_ROUNDS="$rounds" cargo test "${flag[@]}" --test daemon_crash -- --nocapture 2>&1 |
  awk '/acknowledged writes/ { n++; w += $3 } { print } END { if (n) printf "%d rounds, %d acknowledged writes, all present\n", n, w }'
status=$?
echo "took $(( $(date +%s) - start )) s"
exit "$status"
