#!/usr/bin/env bash
# Instructions, not seconds: `claimlint check` on one thread under callgrind, per byte of
# generated news text, in total and per stage of the analysis.
#
#   bash benches/instructions.sh                 # the 2 MB corpus
#   SIZE=10 bash benches/instructions.sh
#   BASE=/path/to/other/claimlint bash benches/instructions.sh   # also that binary, to compare
#
# A shared machine's speed drifts by 2x within an hour, so a change of a few per cent is
# invisible in timings; the instruction count of the same run is the same on every run. It is
# no time (cache misses and mispredicted branches cost no instructions), so a change is
# judged by both. Needs valgrind.
#
# The build counted is the release build without LTO (in target/no-lto): fat LTO inlines the
# stages into the analysis, and their counts could no longer be told apart. Give a BASE built
# the same way (`CARGO_PROFILE_RELEASE_LTO=false cargo build --release`) to compare.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${SIZE:-2}
SEED=${SEED:-7}
WORK=${WORK:-/tmp/claimlint-bench}
if ! command -v valgrind >/dev/null || ! command -v callgrind_annotate >/dev/null; then
  echo "valgrind (callgrind) is not installed" >&2
  exit 2
fi
CARGO_PROFILE_RELEASE_LTO=false cargo build --release --quiet --bin claimlint --example generate \
  --target-dir target/no-lto
BIN=target/no-lto/release/claimlint
GENERATE=target/no-lto/release/examples/generate
source benches/corpus.sh
corpus=$(generated_corpus "$SIZE")
bytes=$(cat "$corpus"/* | wc -c)
# The stages: a function of each, its inclusive count summed over its calls from the analysis.
STAGES=(
  "sentences:extract::sentences::sentences"
  "claims:extract::Extractor::extract_(with_clauses|where)"
  "entities:entities::EntityMatcher::find"
  "event mentions:events::event_mentions"
  "name spellings:names::name_spellings"
  "reading:corpus::load"
  "start-up:analysis::Analyzer::new"
)
report() {
  local bin=$1 out
  out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" check -j1 --format json "$corpus" \
    >/dev/null 2>/dev/null || true
  local annotated total
  annotated=$(callgrind_annotate --inclusive=yes "$out" 2>/dev/null)
  total=$(awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}' <<<"$annotated")
  awk -v bin="$bin" -v total="$total" -v bytes="$bytes" \
    'BEGIN { printf "%s: %d instructions, %.1f a byte\n", bin, total, total / bytes }'
  for stage in "${STAGES[@]}"; do
    local name=${stage%%:*} function=${stage#*:} count
    # A call edge ("=> file:function (Nx)") into the stage's function, largest first.
    count=$(awk -v pattern="=> .*claimlint::(mentions::)?$function [(]" \
      '$0 ~ pattern { gsub(",", "", $1); if ($1 + 0 > max) max = $1 + 0 } END { print max + 0 }' \
      <<<"$annotated")
    awk -v name="$name" -v count="$count" -v total="$total" -v bytes="$bytes" \
      'BEGIN { printf "  %-15s %6.1f a byte  %5.1f %%\n", name, count / bytes, 100 * count / total }'
  done
  rm -f "$out"
}
echo "claimlint check -j1 on $corpus ($bytes bytes)"
report "$BIN"
if [ -n "${BASE:-}" ]; then
  report "$BASE"
fi
