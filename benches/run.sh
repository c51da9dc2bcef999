#!/usr/bin/env bash
# Throughput, scaling and memory of `claimlint check` on generated news text.
#
#   bash benches/run.sh              # 10 MB and 100 MB corpora, 5 runs each
#   SIZES="10 100 1000" RUNS=3 bash benches/run.sh
#   FORMAT=human bash benches/run.sh    # the default report, rendered with its excerpts
#
# Prints, per corpus size: the findings, MB/s on one thread and on all cores (medians; MB are
# 10^6 bytes of the corpus's files as written, which run a little over the size asked), the speed-up (the
# median of the ratios of back-to-back pairs of runs), peak memory (max RSS), the split between
# the per-article (map) and cross-article (reduce) phases, and, where ripgrep is installed,
# the ratio to `rg -c` counting the pack's trigger words over the same files in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10 100"}
RUNS=${RUNS:-5}
# The report format of the timed runs: json (the contract) or human (the default).
FORMAT=${FORMAT:-json}
SEED=${SEED:-7}
WORK=${WORK:-/tmp/claimlint-bench}
CORES=$(nproc)

cargo build --release --quiet --bin claimlint --example generate
BIN=target/release/claimlint
mkdir -p "$WORK"

source benches/corpus.sh

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Seconds and max RSS (KB) of one run: "SECONDS KB".
measure() {
  /usr/bin/time -f "%e %M" "$@" >/dev/null 2>"$WORK/time.err" || true
  tail -n 1 "$WORK/time.err"
}

echo "claimlint check --format $FORMAT, $CORES cores"
printf '%-7s %-9s %-10s %-9s %-10s %-10s %-8s %-10s %-10s %-10s %s\n' \
  size articles claims findings "1 thread" "$CORES threads" speedup "peak MB" "map s" "reduce s" "vs rg -c"
for size in $SIZES; do
  corpus=$(generated_corpus "$size")
  bytes=$(cat "$corpus"/* | wc -c)
  one=(); all=(); rss=(); ratios=()
  for _ in $(seq "$RUNS"); do
    read -r s1 kb < <(measure "$BIN" check "$corpus" -j 1 --format "$FORMAT" -q)
    one+=("$s1"); rss+=("$kb")
    read -r sn _ < <(measure "$BIN" check "$corpus" -j "$CORES" --format "$FORMAT" -q)
    all+=("$sn")
    # Each pair runs back to back: its ratio is spared the drift of a noisy machine.
    ratios+=("$(awk -v a="$s1" -v b="$sn" 'BEGIN {print (b > 0 ? a / b : 0)}')")
  done
  t1=$(printf '%s\n' "${one[@]}" | median)
  tn=$(printf '%s\n' "${all[@]}" | median)
  speedup=$(printf '%s\n' "${ratios[@]}" | median)
  kb=$(printf '%s\n' "${rss[@]}" | median)
  all_timings=$(CLAIMLINT_TIMINGS=1 "$BIN" check "$corpus" -j 1 --format "$FORMAT" -q 2>&1 >/dev/null || true)
  timings=$(grep '^timings: articles' <<<"$all_timings" || true)
  # Each check's findings: the size of the report the runs wrote.
  findings=$(awk '/^timings: check / {for (i = 1; i < NF; i++) if ($i == "findings") n += $(i + 1)} END {print n + 0}' <<<"$all_timings")
  articles=$(sed -E 's/.*articles ([0-9]+).*/\1/' <<<"$timings")
  claims=$(sed -E 's/.* claims ([0-9]+).*/\1/' <<<"$timings")
  map=$(sed -E 's/.* map ([0-9.]+)s.*/\1/' <<<"$timings")
  reduce=$(sed -E 's/.* reduce ([0-9.]+)s.*/\1/' <<<"$timings")
  rg_ratio="(no rg)"
  if command -v rg >/dev/null; then
    rgt=()
    for _ in $(seq "$RUNS"); do
      read -r s _ < <(measure rg -c -j 1 -i '\b(summit|meeting|met|talks|visit|visited|trip)\b' "$corpus")
      rgt+=("$s")
    done
    trg=$(printf '%s\n' "${rgt[@]}" | median)
    # /usr/bin/time counts hundredths: a scan under 10 ms gives no ratio.
    rg_ratio=$(awk -v a="$t1" -v b="$trg" 'BEGIN {
      if (b > 0) printf "%.1fx slower", a / b; else printf "(rg under 10 ms)" }')
  fi
  awk -v size="$size" -v bytes="$bytes" -v n="$articles" -v claims="$claims" -v findings="$findings" -v t1="$t1" -v tn="$tn" -v kb="$kb" -v map="$map" \
      -v reduce="$reduce" -v rg="$rg_ratio" -v cores="$CORES" -v speedup="$speedup" 'BEGIN {
    printf "%-7s %-9s %-10s %-9s %-10s %-10s %-8s %-10s %-10s %-10s %s\n", size "MB", n, claims, findings,
      sprintf("%.1f MB/s", bytes / 1e6 / t1), sprintf("%.1f MB/s", bytes / 1e6 / tn),
      sprintf("%.2fx", speedup), sprintf("%.0f", kb / 1024), map, reduce, rg }'
done
