#!/usr/bin/env bash
# Times `shuniu find` end to end (process start, connect, query, print) against
# `fzf --filter` on the same titles, for plain-text queries, in one run.
# Usage: scripts/find-vs-fzf.sh [ITEMS]   (default 100000; builds --release)
# Needs fzf; uses hyperfine when installed, else a timed loop.
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-100000}
command -v fzf >/dev/null || { echo "fzf is not installed (apt-get install fzf); nothing to compare"; exit 0; }
cargo build --release --quiet
bin=$PWD/target/release/shuniu
work=$(mktemp -d)
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/share XDG_STATE_HOME=$work/state XDG_RUNTIME_DIR=$work/run
export SHUNIU_DATA=$work/data
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
cleanup() { "$bin" serve --stop >/dev/null 2>&1 || true; pkill -f "$bin serve" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
"$bin" demo --items "$items" >/dev/null
"$bin" export | python3 -c 'import sys, json
for l in sys.stdin: print(json.loads(l)["title"])' > "$work/titles.txt"
echo "items: $items, titles: $(wc -l < "$work/titles.txt"), machine: $(nproc) cores, $(uname -r)"
"$bin" find warmup >/dev/null 2>&1 || true   # starts the personal daemon if there is one
queries=(校舍安全 供暖保障 請示 安全生產 營商環境)
for q in "${queries[@]}"; do
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs 30 --export-json "$work/h.json" \
      "$bin find -n 20 $q" "fzf --filter $q --no-sort" --input "$work/titles.txt" >/dev/null 2>&1 || \
    hyperfine -N --warmup 3 --runs 30 --export-json "$work/h.json" \
      "$bin find -n 20 $q" "sh -c 'fzf --filter $q --no-sort < $work/titles.txt'" >/dev/null
    python3 - "$q" "$work/h.json" <<'PY'
import json, sys
q, f = sys.argv[1], sys.argv[2]
r = json.load(open(f))["results"]
s, z = r[0]["mean"] * 1000, r[1]["mean"] * 1000
print(f"{q:8}  shuniu find {s:7.1f} ms   fzf --filter {z:7.1f} ms   ratio fzf/shuniu {z/s:5.2f}")
PY
  else
    t0=$(date +%s%N); for _ in $(seq 20); do "$bin" find -n 20 "$q" >/dev/null; done; t1=$(date +%s%N)
    for _ in $(seq 20); do fzf --filter "$q" --no-sort < "$work/titles.txt" >/dev/null; done; t2=$(date +%s%N)
    s=$(( (t1-t0)/20000000 )); z=$(( (t2-t1)/20000000 ))
    echo "$q  shuniu find ${s} ms   fzf --filter ${z} ms"
  fi
done
