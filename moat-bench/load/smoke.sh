#!/usr/bin/env bash
# Smoke version of the load harness, for CI: starts the fast upstream (nginx) and Moat with
# everything on, onboards an organisation, sends a few hundred chat completions over keep-alive
# connections, a streamed one and a model listing, and checks that every answer was 2xx, that the
# stream arrived whole, that Moat metered the calls and that Moat is still running. It never
# looks at timings. Every process it starts is stopped on exit, failure included.
#
#   bash moat-bench/load/smoke.sh            # builds Moat through ./moat when needed
#   MOAT_JAR=path/to/moat.jar bash …/smoke.sh  # runs that jar instead
#
# Ports: MOAT_LOAD_PORT_BASE (default 18190) .. +3, all on 127.0.0.1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REQUESTS="${MOAT_SMOKE_REQUESTS:-300}"
WORK="$(mktemp -d /tmp/moat-smoke.XXXXXX)"
finish() {
  local status=$?
  stop_started
  if [ $status -ne 0 ] && [ -f "$WORK/moat.log" ]; then
    echo "--- last lines of the Moat log ---" >&2
    tail -n 40 "$WORK/moat.log" >&2
  fi
  [ -n "${MOAT_SMOKE_KEEP:-}" ] || rm -rf "$WORK"
  [ $status -eq 0 ] && echo "smoke: passed" || echo "smoke: FAILED" >&2
  exit $status
}
trap finish EXIT
trap 'exit 130' INT TERM

ensure_packages nginx curl
base="${MOAT_LOAD_PORT_BASE:-18190}"
UPSTREAM_PORT=$base GATEWAY_PORT=$((base + 2)) ADMIN_PORT=$((base + 3))
prepare_moat
start_nginx upstream upstream.conf "$UPSTREAM_PORT" "" ""
start_moat "$GATEWAY_PORT" "$ADMIN_PORT" "$UPSTREAM_PORT" ""
KEY="$(onboard)"
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"

# A few hundred calls, four connections at a time, each reused (curl keeps connections alive).
{
  for _ in $(seq 1 "$REQUESTS"); do
    echo "url = \"$GATEWAY/v1/chat/completions\""
    echo "output = \"/dev/null\""
  done
} > "$WORK/urls.curl"
curl -sS --no-progress-meter --parallel --parallel-max 4 -X POST -H "authorization: Bearer $KEY" -H 'content-type: application/json' \
  --data-binary "@$LOAD_DIR/request.json" -w '%{http_code}\n' -K "$WORK/urls.curl" > "$WORK/codes.txt" \
  || die "curl failed while sending $REQUESTS calls"
ok="$(grep -c '^2' "$WORK/codes.txt" || true)"
[ "$ok" -eq "$REQUESTS" ] || die "$((REQUESTS - ok)) of $REQUESTS calls were not 2xx: $(sort "$WORK/codes.txt" | uniq -c | tr '\n' ' ')"
log "$ok of $REQUESTS chat completions answered 2xx"

# One streamed call: 2xx, content chunks relayed, the stream ends with [DONE].
status="$(curl -sS -N -o "$WORK/stream.txt" -w '%{http_code}' -X POST "$GATEWAY/v1/chat/completions" \
  -H "authorization: Bearer $KEY" -H 'content-type: application/json' --data-binary "@$LOAD_DIR/request-stream.json")"
[ "${status:0:1}" = 2 ] || die "the streamed call answered HTTP $status: $(head -c 300 "$WORK/stream.txt")"
grep -q 'refills at a steady rate' "$WORK/stream.txt" || die "the streamed call lacks the upstream's content chunks"
grep -q '^data: \[DONE\]' "$WORK/stream.txt" || die "the streamed call did not end with data: [DONE]"
log "streamed call relayed whole"

status="$(curl -sS -o /dev/null -w '%{http_code}' "$GATEWAY/v1/models" -H "authorization: Bearer $KEY")"
[ "${status:0:1}" = 2 ] || die "GET /v1/models answered HTTP $status"

# Every call is metered: usage events leave the request path through a queue, so allow it to drain.
org_id="$(admin GET /admin/v1/orgs | json_field id)"
expected=$((REQUESTS + 1)) requests=0
for _ in $(seq 1 40); do
  requests="$(admin GET "/admin/v1/usage?org=$org_id" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p')"
  [ "${requests:-0}" -ge "$expected" ] && break
  sleep 0.5
done
[ "${requests:-0}" -ge "$expected" ] || die "Moat metered ${requests:-0} calls of the $expected it served"
log "Moat metered $requests calls"

kill -0 "$MOAT_PID" 2>/dev/null || die "Moat is no longer running"
