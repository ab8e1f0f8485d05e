#!/usr/bin/env bash
# The load harness: (a) straight to a fast upstream (nginx with a fixed OpenAI-format answer),
# (b) through nginx proxy_pass, (c) through Moat with everything on. Measures, in one run:
#   - open-loop latency at fixed rates (GatewayLoad: fixed schedule, HdrHistogram, no coordinated
#     omission), for every rate and target, repeated and interleaved so drift hits all targets alike;
#   - saturation throughput (wrk, closed loop, 64 connections) and the CPU time each target spent per request;
#   - SSE time to first byte, Moat vs direct;
#   - optionally resident memory of a fresh Moat over N requests (--memory N, closed loop) and a JFR profile
#     of Moat at saturation (--profile).
# Writes raw lines, the machine description and summary.md (medians and spread) into --out.
#
#   bash moat-bench/load/run.sh [--repeats 3] [--rates "1000 2000 5000"] [--seconds 10]
#        [--warmup-seconds 3] [--sat-seconds 10] [--sse-rate 1000] [--memory 1000000 --memory-minutes 20]
#        [--profile] [--phases "latency sse saturation"] [--policy-off] [--floor] [--baseline JAR] [--out DIR]
#
# --policy-off adds a fourth target, moat-nopolicy: a second Moat, identical but for the policy's inputs
# (no geo or network data, profile none, no rules), measured in the same rotation — the gateway's
# latency and throughput with the policy stage on vs off. --floor adds the target vertx: a reverse proxy on
# the same Vert.x server and client that does nothing but relay (PlainVertxProxy), the platform's floor.
# --baseline JAR adds the target moat-baseline: a second Moat with the same configuration, run from another
# jar (e.g. the build before a change), in the same rotation — a before/after comparison that drift on a
# shared machine hits alike. MOAT_BASELINE_JAVA_OPTS gives it JVM flags of its own (default: MOAT_JAVA_OPTS),
# so the same jar can be compared with two sets of flags.
#
# CPU layout on a 2-core machine (override with LOADGEN_CPUS, UPSTREAM_CPUS, PROXY_CPUS): the load
# generator and the upstream share CPU 0; the proxy under test (nginx with one worker, or Moat)
# has CPU 1 to itself. nginx and Moat get the same single core, so throughput compares like with
# like. MOAT_JAVA_OPTS adds JVM flags; MOAT_JAR runs a given jar instead of building through ./moat;
# MOAT_LOAD_CLASSPATH (e.g. the classpath.txt of an earlier run) skips building moat-bench.
# Everything listens on 127.0.0.1; every load run is bounded in count and time.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPEATS=3 RATES="1000 2000 5000" SECONDS_PER_RUN=10 WARMUP_SECONDS=3 SAT_SECONDS=10 SSE_RATE=1000
WARMUP_SAT_SECONDS="${MOAT_LOAD_WARMUP_SECONDS:-60}" MEMORY_REQUESTS=0 MEMORY_MINUTES=20 PROFILE=0 OUT="" PHASES="latency sse saturation" POLICY_OFF=0 FLOOR=0 BASELINE_JAR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --repeats) REPEATS="$2"; shift 2 ;;
    --rates) RATES="$2"; shift 2 ;;
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --warmup-seconds) WARMUP_SECONDS="$2"; shift 2 ;;
    --sat-seconds) SAT_SECONDS="$2"; shift 2 ;;
    --sse-rate) SSE_RATE="$2"; shift 2 ;;
    --memory) MEMORY_REQUESTS="$2"; shift 2 ;;
    --memory-minutes) MEMORY_MINUTES="$2"; shift 2 ;;
    --profile) PROFILE=1; shift ;;
    --policy-off) POLICY_OFF=1; shift ;;
    --floor) FLOOR=1; shift ;;
    --baseline) BASELINE_JAR="$2"; shift 2 ;;
    --phases) PHASES="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) die "$1: unknown option (see the comment at the top of run.sh)" ;;
  esac
done
[ "$SECONDS_PER_RUN" -le 120 ] && [ "$SAT_SECONDS" -le 120 ] && [ "$MEMORY_REQUESTS" -le 5000000 ] && [ "$MEMORY_MINUTES" -le 60 ] \
  || die "runs are bounded: --seconds and --sat-seconds at most 120, --memory at most 5000000, --memory-minutes at most 60"

LOADGEN_CPUS="${LOADGEN_CPUS-0}" UPSTREAM_CPUS="${UPSTREAM_CPUS-0}" PROXY_CPUS="${PROXY_CPUS-1}"
OUT="${OUT:-/tmp/moat-load-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
WORK="$(mktemp -d /tmp/moat-load-work.XXXXXX)"
trap 'stop_started; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

ensure_packages nginx wrk curl
JAVA="$(java_bin)"
base="${MOAT_LOAD_PORT_BASE:-18090}"
UPSTREAM_PORT=$base PROXY_PORT=$((base + 1)) GATEWAY_PORT=$((base + 2)) ADMIN_PORT=$((base + 3))

{
  echo "date: $(date -u +%FT%TZ)"; echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "layout: loadgen cpus=$LOADGEN_CPUS upstream cpus=$UPSTREAM_CPUS proxy/moat cpus=$PROXY_CPUS"
  echo "MOAT_JAVA_OPTS: ${MOAT_JAVA_OPTS:-}"
  echo "loadavg at start: $(cat /proc/loadavg)"
  lscpu | grep -E 'Model name|^CPU\(s\)|Thread|MHz|L2|L3' ; free -m | head -2
  "$JAVA" -version 2>&1 | head -2; nginx -v 2>&1; wrk -v 2>&1 | head -1; uname -r
} > "$OUT/machine.txt" 2>&1 || true

if [ -n "${MOAT_LOAD_CLASSPATH:-}" ]; then
  LOAD_CP="$MOAT_LOAD_CLASSPATH"   # a classpath with moat-bench's classes and dependencies, e.g. from an earlier run
else
  log "building the load generator (moat-bench)"
  suffix="${MOAT_BUILD_SUFFIX-}"
  if [ -d "$HOME/.m2/repository/dev/moat/moat-server" ]; then projects=(-pl moat-bench); else projects=(-pl moat-bench -am); fi
  (cd "$ROOT" && JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./mvnw -q -B "${projects[@]}" -Dmoat.build.suffix="$suffix" -Dmaven.compiler.proc=full -DskipTests package \
    && JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./mvnw -q -B -pl moat-bench -Dmoat.build.suffix="$suffix" \
       dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt") >&2 || die "building moat-bench failed"
  LOAD_CP="$ROOT/moat-bench/target$suffix/classes:$(cat "$WORK/classpath.txt")"
fi
echo "$LOAD_CP" > "$OUT/classpath.txt"

prepare_moat
start_nginx upstream upstream.conf "$UPSTREAM_PORT" "" "$UPSTREAM_CPUS"
start_nginx proxy proxy.conf "$PROXY_PORT" "$UPSTREAM_PORT" "$PROXY_CPUS"
MOAT_JAVA_OPTS_BASE="${MOAT_JAVA_OPTS:-}"
start_moat "$GATEWAY_PORT" "$ADMIN_PORT" "$UPSTREAM_PORT" "$PROXY_CPUS"
KEY="$(onboard)"
cp "$WORK/moat.yaml" "$OUT/moat.yaml"
TARGETS="direct nginx moat"
if [ "$POLICY_OFF" = 1 ]; then
  main_pid="$MOAT_PID" main_token="$MOAT_ADMIN_TOKEN"
  VARIANT=-nopolicy start_moat $((base + 4)) $((base + 5)) "$UPSTREAM_PORT" "$PROXY_CPUS"
  NOPOLICY_PID="$MOAT_PID"
  KEY_NOPOLICY="$(ADMIN_PORT=$((base + 5)) onboard)"
  MOAT_PID="$main_pid" MOAT_ADMIN_TOKEN="$main_token"
  cp "$WORK/moat-nopolicy.yaml" "$OUT/moat-nopolicy.yaml"
  TARGETS="$TARGETS moat-nopolicy"
fi
if [ -n "$BASELINE_JAR" ]; then
  [ -f "$BASELINE_JAR" ] || die "--baseline $BASELINE_JAR: no such jar"
  main_pid="$MOAT_PID" main_token="$MOAT_ADMIN_TOKEN" main_java="$MOAT_JAVA" main_jar="${MOAT_JAR:-}"
  MOAT_JAVA_OPTS="${MOAT_BASELINE_JAVA_OPTS:-${MOAT_JAVA_OPTS:-}}" MOAT_JAVA="$(java_bin)" MOAT_JAR="$BASELINE_JAR" VARIANT=-baseline start_moat $((base + 7)) $((base + 8)) "$UPSTREAM_PORT" "$PROXY_CPUS"
  BASELINE_PID="$MOAT_PID"
  KEY_BASELINE="$(ADMIN_PORT=$((base + 8)) onboard)"
  MOAT_PID="$main_pid" MOAT_ADMIN_TOKEN="$main_token" MOAT_JAVA="$main_java" MOAT_JAR="$main_jar"
  echo "baseline: $BASELINE_JAR ($(sha256sum "$BASELINE_JAR" | cut -c1-12)), JVM options: ${MOAT_BASELINE_JAVA_OPTS:-${MOAT_JAVA_OPTS:-none}}" >> "$OUT/machine.txt"
  TARGETS="$TARGETS moat-baseline"
fi
pid_of() { case "$1" in direct) echo "$NGINX_PID_upstream" ;; nginx) echo "$NGINX_PID_proxy" ;; moat) echo "$MOAT_PID" ;; moat-nopolicy) echo "$NOPOLICY_PID" ;; moat-baseline) echo "$BASELINE_PID" ;; vertx) echo "$VERTX_PID" ;; esac; }
if [ "$FLOOR" = 1 ]; then
  port_free $((base + 6)) || die "port $((base + 6)) is taken; set MOAT_LOAD_PORT_BASE to another base"
  (pinned_exec "$PROXY_CPUS" "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$LOAD_CP" dev.moat.bench.PlainVertxProxy $((base + 6)) "$UPSTREAM_PORT") > "$WORK/vertx.log" 2>&1 &
  VERTX_PID=$!
  STARTED_PIDS+=("$VERTX_PID")
  wait_for_port $((base + 6)) 30 "$VERTX_PID" || { cat "$WORK/vertx.log" >&2; die "the plain Vert.x proxy did not start"; }
  TARGETS="$TARGETS vertx"
fi
key_of() { case "$1" in moat-nopolicy) echo "$KEY_NOPOLICY" ;; moat-baseline) echo "$KEY_BASELINE" ;; *) echo "$KEY" ;; esac; }

# Requests Moat answered with STATUS (all when empty), from its own counter on the admin listener.
served_by_status() {
  curl -fs "http://127.0.0.1:$ADMIN_PORT/metrics" \
    | awk -v status="$1" '/^moat_requests_total/ && (status == "" || index($0, "status=\"" status "\"")) { s += $NF } END { printf "%d\n", s }'
}

url_of() { # target [sse]
  case "$1" in
    direct) echo "http://127.0.0.1:$UPSTREAM_PORT${2:+/sse}/v1/chat/completions" ;;
    nginx) echo "http://127.0.0.1:$PROXY_PORT${2:+/sse}/v1/chat/completions" ;;
    moat) echo "http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions" ;;
    moat-nopolicy) echo "http://127.0.0.1:$((base + 4))/v1/chat/completions" ;;
    moat-baseline) echo "http://127.0.0.1:$((base + 7))/v1/chat/completions" ;;
    vertx) echo "http://127.0.0.1:$((base + 6))/v1/chat/completions" ;;
  esac
}

# load TARGET RATE COUNT WARMUP BODY LABEL — one open-loop run; appends its result line to raw.txt.
load() {
  local line
  # The generator is a fresh JVM per run: C1 only (C2 compiling during the measured seconds put 4-10 ms into
  # direct's own p99), a small young generation (short pauses) and its initial heap touched up front: its first young
  # collections paused 50-55 ms faulting in fresh old-generation pages (14 ms pre-touched; GatewayLoad also collects
  # once between warm-up and measurement) — see docs/benchmarks.md, sessions 3 and 10.
  line="$(pinned "$LOADGEN_CPUS" "$JAVA" --enable-native-access=ALL-UNNAMED -Xms256m -Xmx1g -Xmn64m -XX:+AlwaysPreTouch -XX:+UseSerialGC \
      -XX:TieredStopAtLevel=1 -cp "$LOAD_CP" dev.moat.bench.GatewayLoad \
    --url "$(url_of "$1" "${7:-}")" --rate "$2" --count "$3" --warmup "$4" --body "$5" --label "$6" \
    --header "authorization: Bearer $(key_of "$1")" --connections 256 --drain-seconds 30)" || die "GatewayLoad failed ($6)"
  echo "target=$1 $line loadavg=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/raw.txt" >&2
}

phase() { case " $PHASES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
if [ -n "${PHASES// /}" ]; then
  log "warming Moat and nginx up (JIT, pools)"
  for target in ${TARGETS#direct }; do
    load "$target" 2000 20000 0 "$LOAD_DIR/request.json" "warmup" > /dev/null
    # Then closed loop until the JIT has compiled the hot paths (C2 was still busy after 20,000 requests).
    case "$target" in moat* | vertx) MOAT_LOAD_BODY="$LOAD_DIR/request.json" MOAT_LOAD_KEY="$(key_of "$target")" pinned "$LOADGEN_CPUS" \
      wrk -t1 -c64 -d"${WARMUP_SAT_SECONDS}s" -s "$LOAD_DIR/post.lua" "$(url_of "$target")" > /dev/null ;; esac
  done
  mv "$OUT/raw.txt" "$OUT/warmup.txt"
fi

for rep in $(seq 1 "$REPEATS"); do
  phase latency && for rate in $RATES; do
    for target in $TARGETS; do
      load "$target" "$rate" $((rate * SECONDS_PER_RUN)) $((rate * WARMUP_SECONDS)) "$LOAD_DIR/request.json" "latency-rep$rep"
    done
  done
  phase sse && for target in direct moat; do
    load "$target" "$SSE_RATE" $((SSE_RATE * SECONDS_PER_RUN)) $((SSE_RATE * WARMUP_SECONDS)) \
      "$LOAD_DIR/request-stream.json" "sse-rep$rep" sse
  done
  phase saturation && for target in $TARGETS; do
    pid="$(pid_of "$target")"
    ticks_before="$(cpu_ticks "$pid")"
    case "$target" in moat* | vertx) thread_ticks "$pid" > "$WORK/threads-before" ;; esac
    result="$(MOAT_LOAD_BODY="$LOAD_DIR/request.json" MOAT_LOAD_KEY="$(key_of "$target")" pinned "$LOADGEN_CPUS" \
      wrk -t1 -c64 -d"${SAT_SECONDS}s" -s "$LOAD_DIR/post.lua" "$(url_of "$target")")"
    # Moat stores, analyses and logs each request after answering it: its CPU is counted until that
    # queued work is done too, and "sustained" divides the requests by the time including it.
    started_ns="$(date +%s%N)"
    wait_idle "$pid"
    drain_s="$(awk -v a="$started_ns" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')"
    ticks="$(( $(cpu_ticks "$pid") - ticks_before ))"
    case "$target" in moat* | vertx) thread_ticks "$pid" | awk -F'|' -v total="$ticks" 'NR == FNR { before[$1] = $2; next }
        { d = $2 - before[$1]; if (d > 0) printf "%5.1f %%  %s\n", 100 * d / total, $1 }' "$WORK/threads-before" - \
        | sort -rn > "$OUT/cpu-threads-$target-rep$rep.txt" ;; esac
    rps="$(echo "$result" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')"
    requests="$(echo "$result" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')"
    bad="$(echo "$result" | sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')"
    cpu_us="$(awk -v t="$ticks" -v n="${requests:-0}" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "" }')"
    sustained="$(awk -v n="${requests:-0}" -v s="$SAT_SECONDS" -v d="$drain_s" 'BEGIN { printf "%.0f", n / (s + d) }')"
    echo "target=$target label=saturation-rep$rep rps=$rps sustained_rps=$sustained drain_s=$drain_s requests=${requests:-0} cpu_us_per_request=$cpu_us non2xx=${bad:-0} loadavg=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/raw.txt" >&2
  done
done

if [ "$PROFILE" = 1 ]; then
  log "profiling Moat with JFR at saturation"
  [ -n "${NOPOLICY_PID:-}" ] && stop_pid "$NOPOLICY_PID" && NOPOLICY_PID=""
  [ -n "${BASELINE_PID:-}" ] && stop_pid "$BASELINE_PID" && BASELINE_PID=""
  stop_pid "$MOAT_PID"
  MOAT_JAVA_OPTS="$MOAT_JAVA_OPTS_BASE -XX:StartFlightRecording=filename=$OUT/moat.jfr,settings=profile,dumponexit=true"
  start_moat "$GATEWAY_PORT" "$ADMIN_PORT" "$UPSTREAM_PORT" "$PROXY_CPUS"
  KEY="$(onboard)"
  load moat 2000 20000 0 "$LOAD_DIR/request.json" "profile-warmup" > /dev/null
  MOAT_LOAD_BODY="$LOAD_DIR/request.json" MOAT_LOAD_KEY="$KEY" pinned "$LOADGEN_CPUS" \
    wrk -t1 -c64 -d"${SAT_SECONDS}s" -s "$LOAD_DIR/post.lua" "$(url_of moat)" > "$OUT/profile-wrk.txt"
  stop_pid "$MOAT_PID"
  jfr="$(dirname "$JAVA")/jfr"
  for view in hot-methods allocation-by-class allocation-by-site gc-pauses; do
    "$jfr" view --width 160 "$view" "$OUT/moat.jfr" > "$OUT/profile-$view.txt" 2>&1 || true
  done
  MOAT_JAVA_OPTS="$MOAT_JAVA_OPTS_BASE"
fi

if [ "$MEMORY_REQUESTS" -gt 0 ]; then
  log "memory: a fresh Moat over $MEMORY_REQUESTS requests (at most $MEMORY_MINUTES minutes)"
  [ -n "${NOPOLICY_PID:-}" ] && stop_pid "$NOPOLICY_PID" && NOPOLICY_PID=""
  [ -n "${BASELINE_PID:-}" ] && stop_pid "$BASELINE_PID" && BASELINE_PID=""
  stop_pid "$MOAT_PID"
  MOAT_JAVA_OPTS="${MOAT_MEMORY_JAVA_OPTS:--Xms64m -Xmx256m -XX:MaxDirectMemorySize=64m -XX:NativeMemoryTracking=summary} $MOAT_JAVA_OPTS_BASE"
  echo "memory run JVM options: $MOAT_JAVA_OPTS" >> "$OUT/machine.txt"
  start_moat "$GATEWAY_PORT" "$ADMIN_PORT" "$UPSTREAM_PORT" "$PROXY_CPUS"
  KEY="$(onboard)"
  started=$SECONDS
  ( while kill -0 "$MOAT_PID" 2>/dev/null; do
      echo "t_s=$((SECONDS - started)) rss_kb=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$MOAT_PID/status")"
      sleep 5
    done ) > "$OUT/memory-rss.txt" 2>/dev/null &
  sampler=$!
  # Closed loop (wrk, 32 connections) so that a Moat slower than the planned rate still gets a
  # steady load instead of an ever-growing backlog. wrk cannot stop after a count, so it is stopped
  # once Moat's own request counter (admin /metrics) reaches N, or after --memory-minutes.
  (MOAT_LOAD_BODY="$LOAD_DIR/request.json" MOAT_LOAD_KEY="$KEY" pinned_exec "$LOADGEN_CPUS" \
    wrk -t1 -c32 -d"$((MEMORY_MINUTES * 60))s" -s "$LOAD_DIR/post.lua" "$(url_of moat)") > "$OUT/memory-wrk.txt" &
  wrk_pid=$!
  STARTED_PIDS+=("$wrk_pid")
  while kill -0 "$wrk_pid" 2>/dev/null; do
    [ "$(served_by_status "")" -ge "$MEMORY_REQUESTS" ] && kill -INT "$wrk_pid" 2>/dev/null
    sleep 2
  done
  wait "$wrk_pid" 2>/dev/null || true
  echo "target=moat label=memory requests=$(served_by_status "") ok=$(served_by_status 200)" \
    "overloaded_503=$(served_by_status 503) seconds=$((SECONDS - started)) loadavg=$(cut -d' ' -f1 /proc/loadavg)" \
    | tee -a "$OUT/raw.txt" >&2
  sleep 5
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  "$(dirname "$JAVA")/jcmd" "$MOAT_PID" VM.native_memory summary > "$OUT/memory-nmt.txt" 2>&1 || true
  "$(dirname "$JAVA")/jcmd" "$MOAT_PID" GC.heap_info > "$OUT/memory-heap.txt" 2>&1 || true
fi

echo "loadavg at end: $(cat /proc/loadavg)" >> "$OUT/machine.txt"
python3 "$LOAD_DIR/summarize.py" "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
log "results in $OUT"
