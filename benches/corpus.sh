# Sourced by the benchmark scripts, from the repository root once the generator is built.
# `generated_corpus SIZE` prints the directory of the generated corpus of SIZE megabytes,
# writing it first if need be: once per size, seed ($SEED) and version of the generator
# (a hash of examples/generate.rs), under $WORK, by the generator at $GENERATE (the release
# build's by default).
generated_corpus() {
  local dir
  dir="$WORK/corpus-$1-seed$SEED-$(sha256sum examples/generate.rs | cut -c1-12)"
  if [ ! -d "$dir" ]; then
    "${GENERATE:-target/release/examples/generate}" --seed "$SEED" --megabytes "$1" --out "$dir" >/dev/null
  fi
  echo "$dir"
}
