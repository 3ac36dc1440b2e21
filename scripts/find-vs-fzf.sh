#!/usr/bin/env bash
# Times `shuniu find` end to end (process start, connect, query, print) against
# `fzf --filter` on the same titles, for plain-text queries, in one run, and
# prints the ratio for each query.
# Usage: scripts/find-vs-fzf.sh [ITEMS]   (default 100000; builds --release)
#   RUNS=N       runs per query and program (default 30)
#   SHUNIU_BIN=… an already built shuniu to time instead of building --release
# Needs fzf; uses hyperfine when installed, else times RUNS runs with date +%s%N.
# Everything lives in a temporary HOME; its personal daemon is stopped with
# `shuniu stop` (which waits until it is gone) and the folder removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-100000}
runs=${RUNS:-30}
command -v fzf >/dev/null || { echo "fzf is not installed (apt-get install fzf); nothing to compare"; exit 0; }
if [[ -n ${SHUNIU_BIN:-} ]]; then
  bin=$(realpath "$SHUNIU_BIN")
else
  cargo build --release --quiet
  bin=$PWD/target/release/shuniu
fi
work=$(mktemp -d)
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/share XDG_STATE_HOME=$work/state XDG_RUNTIME_DIR=$work/run
export SHUNIU_DATA=$work/data
unset SHUNIU_SOCKET SHUNIU_NO_DAEMON
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
cleanup() {
  # The personal daemon of this HOME and data folder, and only that one.
  "$bin" stop >/dev/null 2>&1 || echo "shuniu stop failed; see $XDG_STATE_HOME/shuniu for its log" >&2
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" demo --items "$items" >/dev/null
"$bin" export | python3 -c 'import sys, json
for l in sys.stdin: print(json.loads(l)["title"])' > "$work/titles.txt"
echo "items: $items, titles: $(wc -l < "$work/titles.txt"), runs: $runs, machine: $(nproc) cores, $(uname -r)"
"$bin" find warmup >/dev/null 2>&1 || true   # starts the personal daemon
queries=(校舍安全 供暖保障 請示 安全生產 營商環境)

# Prints one result line: query, the two means in ms, fzf/shuniu.
report() {
  awk -v q="$1" -v s="$2" -v z="$3" 'BEGIN {
    printf "%-8s  shuniu find %7.1f ms   fzf --filter %7.1f ms   ratio fzf/shuniu %5.2f\n", q, s, z, (s > 0 ? z / s : 0)
  }'
}

# Mean milliseconds of `runs` runs of a command, timed with date +%s%N.
mean_ms() {
  local t0 t1
  t0=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null; done
  t1=$(date +%s%N)
  awk -v ns=$((t1 - t0)) -v n="$runs" 'BEGIN { printf "%.3f", ns / n / 1e6 }'
}

fzf_filter() { fzf --filter "$1" --no-sort < "$work/titles.txt"; }

for q in "${queries[@]}"; do
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h.json" \
      "$bin find -n 20 $q" "fzf --filter $q --no-sort" --input "$work/titles.txt" >/dev/null 2>&1 || \
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h.json" \
      "$bin find -n 20 $q" "sh -c 'fzf --filter $q --no-sort < $work/titles.txt'" >/dev/null
    read -r s z < <(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(r[0]["mean"] * 1000, r[1]["mean"] * 1000)' "$work/h.json")
  else
    "$bin" find -n 20 "$q" >/dev/null; fzf_filter "$q" >/dev/null   # warm up
    s=$(mean_ms "$bin" find -n 20 "$q")
    z=$(mean_ms fzf_filter "$q")
  fi
  report "$q" "$s" "$z"
done
