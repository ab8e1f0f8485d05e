#!/usr/bin/env bash
# The detection benchmark over every scenario set at once: the development sets, each held-out set, the ordinary-only
# sets and the evaluations, from a Monday and (where a set was ever judged on it) from a Sunday start, two runs at a
# time. Writes one DetectionBench report per run into --out and prints each run's summary line and the ordinary
# organisations it affected, so that a change to the detector can be compared set by set with the run before it.
#
#   bash moat-bench/detection/run-sets.sh [--out DIR] [--sets "NAME …"] [--no-build] [--list]
#
# --sets picks runs by name (see --list); the default is all of them (about 20 minutes on a quiet 2-core machine).
# A held-out set is measured blind once, before the detector is changed for it: run a new one on its own first
# (--sets "holdout14 holdout14-sunday").
# The build is snapshotted into --out (classes and the moat-detect jar), so editing or rebuilding the tree while the
# runs go on does not change what they measure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../load/lib.sh"

SUNDAY="--start 2026-11-01T00:00:00Z"
# name | DetectionBench options
RUNS=(
  "mixed|--scenario mixed --seeds 1,2,3"
  "mixed-sunday|--scenario mixed --seeds 1,2,3 $SUNDAY"
  "mixed-holdout-45|--scenario mixed,holdout --seeds 4,5"
  "holdout|--scenario holdout --seeds 3"
  "holdout2|--scenario holdout2 --seeds 1,2,3"
  "holdout2-sunday|--scenario holdout2 --seeds 1,2,3 $SUNDAY"
  "holdout3|--scenario holdout3 --seeds 1,2,3,4,5"
  "holdout3-sunday|--scenario holdout3 --seeds 1,2,3,4,5 $SUNDAY"
  "holdout4|--scenario holdout4 --seeds 1,2,3"
  "holdout4-sunday|--scenario holdout4 --seeds 1,2,3 $SUNDAY"
  "holdout5|--scenario holdout5 --seeds 1,2,3"
  "holdout5-45|--scenario holdout5 --seeds 4,5"
  "holdout5-sunday|--scenario holdout5 --seeds 1,2,3 $SUNDAY"
  "holdout6|--scenario holdout6 --seeds 1,2,3"
  "holdout6-sunday|--scenario holdout6 --seeds 1,2,3 $SUNDAY"
  "holdout7|--scenario holdout7 --seeds 1,2,3"
  "holdout7-sunday|--scenario holdout7 --seeds 1,2,3 $SUNDAY"
  "holdout8|--scenario holdout8 --seeds 1,2,3"
  "holdout8-sunday|--scenario holdout8 --seeds 1,2,3 $SUNDAY"
  "holdout9|--scenario holdout9 --seeds 1,2,3"
  "holdout9-sunday|--scenario holdout9 --seeds 1,2,3 $SUNDAY"
  "holdout10|--scenario holdout10 --seeds 1,2,3"
  "holdout10-sunday|--scenario holdout10 --seeds 1,2,3 $SUNDAY"
  "holdout11|--scenario holdout11 --seeds 1,2,3"
  "holdout11-sunday|--scenario holdout11 --seeds 1,2,3 $SUNDAY"
  "holdout12|--scenario holdout12 --seeds 1,2,3"
  "holdout12-sunday|--scenario holdout12 --seeds 1,2,3 $SUNDAY"
  "holdout13|--scenario holdout13 --seeds 1,2,3"
  "holdout13-sunday|--scenario holdout13 --seeds 1,2,3 $SUNDAY"
  "holdout14|--scenario holdout14 --seeds 1,2,3"
  "holdout14-sunday|--scenario holdout14 --seeds 1,2,3 $SUNDAY"
  "newcomers|--scenario newcomers --seeds 1,2,3"
  "newcomers-sunday|--scenario newcomers --seeds 1,2,3 $SUNDAY"
  "ordinary|--scenario ordinary --seeds 4"
  "ordinary2|--scenario ordinary2 --seeds 1,2,3"
  "evaluations|--scenario evaluations --seeds 1,2,3"
  "evaluations-no-registry|--scenario evaluations --seeds 1,2,3 --benchmarks none"
  "small|--small --seeds 1,2,3"
  "small-sunday|--small --seeds 1,2,3 $SUNDAY"
  "small-without-content|--small --seeds 1,2,3 --without-content"
)

OUT="" SETS="" BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --sets) SETS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --list) for run in "${RUNS[@]}"; do echo "${run%%|*}: DetectionBench ${run#*|}"; done; exit 0 ;;
    *) die "unknown option $1 (expected --out DIR, --sets \"NAME …\", --no-build or --list)" ;;
  esac
done

selected=()
for run in "${RUNS[@]}"; do
  if [ -z "$SETS" ] || [[ " $SETS " == *" ${run%%|*} "* ]]; then
    selected+=("$run")
  fi
done
for name in $SETS; do
  printf '%s\n' "${RUNS[@]}" | grep -q "^$name|" || die "no run named $name (see --list)"
done

JAVA="$(java_bin)"
export JAVA_HOME="$(cd "$(dirname "$JAVA")/.." && pwd)"
OUT="${OUT:-$ROOT/moat-bench/target/detection-sets/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"
cd "$ROOT"
if [ "$BUILD" -eq 1 ]; then
  log "building (./mvnw install -DskipTests)"
  ./mvnw -B -q install -DskipTests >"$OUT/build.log" 2>&1 || die "the build failed; see $OUT/build.log"
fi
./mvnw -B -q -pl moat-bench dependency:build-classpath -Dmdep.outputFile="$OUT/dependencies.classpath" \
  >>"$OUT/build.log" 2>&1 || die "could not resolve moat-bench's classpath; see $OUT/build.log"
[ -d moat-bench/target/classes/dev/moat/bench ] || die "moat-bench is not built (run without --no-build)"

# the snapshot: this build's benchmark classes and detector, whatever happens to the tree or ~/.m2 meanwhile
rm -rf "$OUT/classes" && cp -r moat-bench/target/classes "$OUT/classes"
detect_jar="$(tr ':' '\n' <"$OUT/dependencies.classpath" | grep '/moat-detect-[^/]*\.jar$' || true)"
[ -n "$detect_jar" ] || die "moat-detect is not on moat-bench's classpath"
cp "$detect_jar" "$OUT/moat-detect.jar"
sed "s#$detect_jar#$OUT/moat-detect.jar#" "$OUT/dependencies.classpath" >"$OUT/classpath"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')" \
  >"$OUT/build.txt"

run_one() {
  local name="$1" options="$2"
  # shellcheck disable=SC2086 # options are words
  "$JAVA" -Xmx2g -cp "$OUT/classes:$(cat "$OUT/classpath")" dev.moat.bench.DetectionBench $options \
    >"$OUT/$name.txt" 2>&1 || echo "FAILED (exit $?)" >>"$OUT/$name.txt"
}

log "${#selected[@]} runs, reports in $OUT"
for ((i = 0; i < ${#selected[@]}; i += 2)); do
  pids=()
  for run in "${selected[@]:i:2}"; do
    run_one "${run%%|*}" "${run#*|}" &
    pids+=($!)
  done
  wait "${pids[@]}"
  for run in "${selected[@]:i:2}"; do
    name="${run%%|*}"
    if grep -q '^FAILED' "$OUT/$name.txt"; then
      echo "$name: FAILED — see $OUT/$name.txt"
      continue
    fi
    # a run of several seeds ends with a summary over them; a single seed's table has its own "all" row
    summary="$(grep -A2 '^## Summary' "$OUT/$name.txt" | tail -n 1 || true)"
    [ -n "$summary" ] || summary="$(grep -E '^\| \*\*all|^Ordinary organisations' "$OUT/$name.txt" | tr '\n' ' ' || true)"
    echo "$name: $summary"
    grep -h '^Ordinary organisations' "$OUT/$name.txt" | grep -v ' 0 affected' | sed 's/^/    /' || true
  done
done
