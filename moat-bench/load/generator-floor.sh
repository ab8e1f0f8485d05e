#!/usr/bin/env bash
# The load generator's own floor: GatewayLoad straight against the fast upstream (no proxy), so every
# microsecond of its latency is the generator's, the upstream's and the loopback's. With --old-classes it
# alternates two builds of the generator in one run (e.g. before and after a change to GatewayLoad), so the
# machine's drift hits both alike.
#
#   bash moat-bench/load/generator-floor.sh [--rates "1000 2000"] [--repeats 3] [--seconds 10]
#        [--warmup-seconds 5] [--old-classes DIR] [--out DIR]
#
# The generator runs exactly as run.sh runs it (same JVM flags, CPU 0 shared with the upstream); the
# classpath is moat-bench's (MOAT_LOAD_CLASSPATH, e.g. the classpath.txt of an earlier run.sh, or built
# here); --old-classes DIR replaces moat-bench's classes by DIR for the target "generator-old".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RATES="1000 2000" REPEATS=3 SECONDS_PER_RUN=10 WARMUP_SECONDS=5 OLD_CLASSES="" OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rates) RATES="$2"; shift 2 ;;
    --repeats) REPEATS="$2"; shift 2 ;;
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --warmup-seconds) WARMUP_SECONDS="$2"; shift 2 ;;
    --old-classes) OLD_CLASSES="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) die "$1: unknown option (see the comment at the top of generator-floor.sh)" ;;
  esac
done
[ "$SECONDS_PER_RUN" -le 120 ] || die "runs are bounded: --seconds at most 120"
[ -z "$OLD_CLASSES" ] || [ -d "$OLD_CLASSES/dev/moat/bench" ] || die "--old-classes $OLD_CLASSES: no dev/moat/bench classes in it"

LOADGEN_CPUS="${LOADGEN_CPUS-0}" UPSTREAM_CPUS="${UPSTREAM_CPUS-0}"
OUT="${OUT:-/tmp/moat-generator-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"
WORK="$(mktemp -d /tmp/moat-generator-work.XXXXXX)"
trap 'stop_started; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

ensure_packages nginx
JAVA="$(java_bin)"
if [ -n "${MOAT_LOAD_CLASSPATH:-}" ]; then
  LOAD_CP="$MOAT_LOAD_CLASSPATH"
else
  suffix="${MOAT_BUILD_SUFFIX-}"
  (cd "$ROOT" && JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./mvnw -q -B -pl moat-bench -Dmoat.build.suffix="$suffix" -Dmaven.compiler.proc=full -DskipTests package \
    && JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./mvnw -q -B -pl moat-bench -Dmoat.build.suffix="$suffix" \
       dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt") >&2 || die "building moat-bench failed"
  LOAD_CP="$ROOT/moat-bench/target$suffix/classes:$(cat "$WORK/classpath.txt")"
fi
BENCH_CLASSES="${LOAD_CP%%:*}"
OLD_CP="$OLD_CLASSES:${LOAD_CP#*:}"
{ echo "date: $(date -u +%FT%TZ)"; echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "classes: $BENCH_CLASSES; old classes: ${OLD_CLASSES:-none}"; echo "loadavg at start: $(cat /proc/loadavg)"; } > "$OUT/machine.txt"

base="${MOAT_LOAD_PORT_BASE:-18090}"
start_nginx upstream upstream.conf "$base" "" "$UPSTREAM_CPUS"
TARGETS="generator"
[ -n "$OLD_CLASSES" ] && TARGETS="generator generator-old"

run_one() { # target rate count warmup label
  local cp="$LOAD_CP" line
  [ "$1" = generator-old ] && cp="$OLD_CP"
  # The same JVM and flags as run.sh's load() (see there why).
  line="$(pinned "$LOADGEN_CPUS" "$JAVA" --enable-native-access=ALL-UNNAMED -Xms256m -Xmx1g -Xmn64m -XX:+AlwaysPreTouch -XX:+UseSerialGC \
      -XX:TieredStopAtLevel=1 -cp "$cp" dev.moat.bench.GatewayLoad \
    --url "http://127.0.0.1:$base/v1/chat/completions" --rate "$2" --count "$3" --warmup "$4" \
    --body "$LOAD_DIR/request.json" --label "$5" --connections 256 --drain-seconds 30)" || die "GatewayLoad failed ($5)"
  echo "target=$1 $line loadavg=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/raw.txt" >&2
}

for rep in $(seq 1 "$REPEATS"); do
  for rate in $RATES; do
    for target in $TARGETS; do
      run_one "$target" "$rate" $((rate * SECONDS_PER_RUN)) $((rate * WARMUP_SECONDS)) "latency-rep$rep"
    done
  done
done
echo "loadavg at end: $(cat /proc/loadavg)" >> "$OUT/machine.txt"
# One line per target and rate: median [min-max] over the repeats of p50, p99 and p99.9 (µs).
awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       print v["target"], v["rate"], v["p50_us"], v["p99_us"], v["p999_us"] }' "$OUT/raw.txt" \
  | sort -k1,1 -k2,2n | awk '
    function stat(list,   n, a, i, j, t, m) { n = split(list, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      m = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2; return sprintf("%.0f [%.0f-%.0f]", m, a[1], a[n]) }
    { k = $1 " " $2; p50[k] = p50[k] " " $3; p99[k] = p99[k] " " $4; p999[k] = p999[k] " " $5; if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
    END { print "| target | rate | p50 µs | p99 µs | p99.9 µs |"; print "|---|---|---|---|---|"
          for (i = 1; i <= n; i++) { split(order[i], t, " "); printf "| %s | %s | %s | %s | %s |\n", t[1], t[2], stat(p50[order[i]]), stat(p99[order[i]]), stat(p999[order[i]]) } }' \
  | tee "$OUT/summary.md"
log "results in $OUT"
