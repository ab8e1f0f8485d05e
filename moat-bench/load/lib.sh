# Shared by run.sh and smoke.sh: packages, the fast upstream, the nginx proxy, Moat, onboarding,
# and cleaning up every process started here. Source it; it defines functions and variables only.
# Every listener binds 127.0.0.1.

LOAD_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${MOAT_ROOT:-$(cd "$LOAD_DIR/../.." && pwd)}"
SHARED_DATA="${MOAT_SHARED_DATA:-$ROOT/../shared/data}"
STARTED_PIDS=()

log() { echo "[moat-load] $*" >&2; }
die() { echo "[moat-load] error: $*" >&2; exit 1; }

# Installs the Debian packages named in $@ whose command is missing (nginx, wrk, curl).
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    command -v "$pkg" >/dev/null 2>&1 || [ -x "/usr/sbin/$pkg" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}; install them (apt-get install -y ${missing[*]}) or run as root"
  log "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; } \
    || die "apt-get install ${missing[*]} failed"
}

# A java of version 25 or newer: JAVA_HOME's, the usual Temurin path, or the one on PATH.
java_bin() {
  local candidate version
  for candidate in "${JAVA_HOME:-/nonexistent}/bin/java" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java || true)"; do
    [ -x "$candidate" ] || continue
    version="$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)"
    [ "${version%%.*}" -ge 25 ] 2>/dev/null && { echo "$candidate"; return 0; }
  done
  die "no JDK 25 or newer found (set JAVA_HOME to one)"
}

port_free() { ! ss -Hltn "sport = :$1" | grep -q .; }

wait_for_port() { # port seconds pid
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

# Kills what this script started, newest first, and waits for it to go.
stop_started() {
  local i pid
  for ((i = ${#STARTED_PIDS[@]} - 1; i >= 0; i--)); do
    pid="${STARTED_PIDS[$i]}"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}

# CPU time (user + system, in clock ticks) used so far by process PID and its direct children — an nginx
# master and its worker, or the JVM. Dividing its growth by the requests served gives CPU per request, which
# other load on the machine does not inflate the way it inflates wall-clock throughput.
cpu_ticks() {
  local total=0 pid fields
  for pid in "$1" $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
    read -r -a fields < <(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

# Waits (at most 120 s) until process PID has gone idle — less than 2 % of a CPU over half a second — so that
# work a load run left queued (Moat's usage writer, audit log, JIT) is finished and counted before the next run.
wait_idle() {
  local before after deadline=$((SECONDS + 120)) hz
  hz="$(getconf CLK_TCK)"
  before="$(cpu_ticks "$1")"
  while [ $SECONDS -lt $deadline ]; do
    sleep 0.5
    after="$(cpu_ticks "$1")"
    [ $(( (after - before) * 100 )) -le $(( hz )) ] && return 0
    before="$after"
  done
}

# Per-thread CPU ticks of a JVM, summed by thread name with numbers dropped ("vert.x-eventloop-thread",
# "GC Thread", "C2 CompilerThread", "moat-usage-writer", …): one "name ticks" line each.
thread_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    sed 's/^[0-9]* (\(.*\)) [A-Z] \(.*\)/\1|\2/' "$task/stat" 2>/dev/null
  done | awk -F'|' '{ split($2, f, " "); name = $1; gsub(/[#-]?[0-9]+$/, "", name); t[name] += f[11] + f[12] } END { for (n in t) print n "|" t[n] }'
}

pinned() { # cpu-list command… : runs pinned when taskset exists and the CPUs do
  local cpus="$1"; shift
  if [ -n "$cpus" ] && command -v taskset >/dev/null 2>&1 && taskset -c "$cpus" true 2>/dev/null; then
    taskset -c "$cpus" "$@"
  else
    "$@"
  fi
}

# Like pinned, but replaces the calling (sub)shell, so that its pid is the pinned program's.
pinned_exec() { local cpus="$1"; shift; if [ -n "$cpus" ] && taskset -c "$cpus" true 2>/dev/null; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi; }

# start_nginx NAME TEMPLATE PORT UPSTREAM_PORT CPUS — foreground nginx (daemon off), so its pid is ours.
start_nginx() {
  local name="$1" template="$2" port="$3" upstream_port="$4" cpus="$5"
  port_free "$port" || die "port $port is taken; set MOAT_LOAD_PORT_BASE to another base"
  mkdir -p "$WORK/tmp" && chmod 777 "$WORK/tmp"
  sed -e "s#@DIR@#$WORK#g" -e "s#@PORT@#$port#g" -e "s#@UPSTREAM_PORT@#$upstream_port#g" \
    "$LOAD_DIR/$template" > "$WORK/$name.conf"
  (pinned_exec "$cpus" nginx -p "$WORK" -e "$WORK/$name-error.log" -c "$WORK/$name.conf" -g 'daemon off;') \
    > "$WORK/$name.out" 2>&1 &
  local pid=$!
  STARTED_PIDS+=("$pid")
  printf -v "NGINX_PID_${name}" '%s' "$pid"
  wait_for_port "$port" 10 "$pid" || { cat "$WORK/$name.out" "$WORK/$name-error.log" >&2 2>/dev/null; die "nginx ($name) did not start"; }
  log "$name: nginx on 127.0.0.1:$port (pid $pid, cpus ${cpus:-any})"
}

# Builds Moat unless MOAT_JAR names a jar to run.
prepare_moat() {
  if [ -n "${MOAT_JAR:-}" ]; then
    [ -f "$MOAT_JAR" ] || die "MOAT_JAR=$MOAT_JAR does not exist"
    MOAT_JAVA="$(java_bin)"
  else
    log "building Moat if needed (./moat)"
    "$ROOT/moat" --help >/dev/null || die "./moat could not build or start Moat"
    MOAT_JAVA=""
  fi
}

# Writes moat$VARIANT.yaml with everything the current build knows switched on, pointing at the upstream.
# VARIANT "-nopolicy" keeps everything but the policy's inputs: no geo or network data, profile none,
# no rules (the policy stage still runs, with nothing to look up or decide).
write_moat_config() { # gateway_port admin_port upstream_port
  local data="$SHARED_DATA" file="$WORK/moat${VARIANT:-}.yaml"
  cat > "$file" <<YAML
data_dir: $WORK/moat-data${VARIANT:-}
listen:
  gateway: 127.0.0.1:$1
  admin: 127.0.0.1:$2
admin_token_env: MOAT_ADMIN_TOKEN
upstreams:
  - name: bench-json
    api: openai
    base_url: http://127.0.0.1:$3
    models: [model-a, model-b]
    max_connections: 256
  - name: bench-sse
    api: openai
    base_url: http://127.0.0.1:$3/sse/v1
    models: [model-sse]
    max_connections: 256
gateway:
  content_retention: 30d
limits:
  requests_per_minute: 0
  tokens_per_minute: 0
  tokens_per_day: 0
YAML
  if [ -d "$data/geo" ] && [ "${MOAT_LOAD_FEATURES:-all}" = all ]; then
    cat >> "$file" <<YAML
screening:
  lists: [$data/sanctions/ofac-sdn-2021, $data/sanctions/csl/consolidated-sample.csv, $data/sanctions/dpl.txt, $data/sanctions/un/UN_consolidated.xml]
YAML
  fi
  if [ "${VARIANT:-}" = -nopolicy ]; then
    printf 'policy:\n  profile: none\n' >> "$file"
  elif [ -d "$data/geo" ] && [ "${MOAT_LOAD_FEATURES:-all}" = all ]; then
    cat >> "$file" <<YAML
network:
  geoip: [$data/geo/geo-whois-asn-country-ipv4.mmdb, $data/geo/geo-whois-asn-country-ipv6.mmdb]
  hosting: [$data/geo/hosting-ipv4.txt, $data/geo/hosting-ipv6.txt]
  vpn: [$data/geo/vpn-ipv4.txt, $data/geo/vpn-ipv6.txt]
policy:
  profile: us-export
  networks: {tor: deny, vpn: review, hosting: allow, unknown: allow}
  groups:
    partners: [GB, DE, FR, JP, CA, AU]
  rules:
    - name: self-serve-no-hosting
      when: 'org.tier == "self-serve" && request.network == "hosting"'
      action: deny
      message: "Self-serve access from hosting networks is not permitted"
    - name: new-key-on-vpn
      when: 'key.age_days < 7 && request.network == "vpn"'
      action: review
      message: "New keys used from VPNs are reviewed"
    - name: d5-organisations
      when: '"d5" in org.groups'
      action: deny
      message: "Organisations in D:5 countries are not served"
    - name: self-serve-cross-border-model-b
      when: 'org.tier == "self-serve" && request.model == "model-b" && request.country != org.country'
      action: review
      message: "Cross-border self-serve use of model-b is reviewed"
YAML
  fi
}

# start_moat GATEWAY_PORT ADMIN_PORT UPSTREAM_PORT CPUS — needs prepare_moat first. With VARIANT set
# (see write_moat_config) the instance has its own configuration, data and log, so two can run side by side.
start_moat() {
  port_free "$1" && port_free "$2" || die "port $1 or $2 is taken; set MOAT_LOAD_PORT_BASE to another base"
  write_moat_config "$1" "$2" "$3"
  rm -rf "$WORK/moat-data${VARIANT:-}"
  export MOAT_ADMIN_TOKEN="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  local command=("$ROOT/moat")
  # shellcheck disable=SC2206 # MOAT_JAVA_OPTS is a list of JVM flags, split like ./moat splits it
  [ -n "$MOAT_JAVA" ] && command=("$MOAT_JAVA" ${MOAT_JAVA_OPTS:-} -jar "$MOAT_JAR")
  (cd "$WORK" && export MOAT_JAVA_OPTS="${MOAT_JAVA_OPTS:-}" && pinned_exec "$4" "${command[@]}" serve --config "$WORK/moat${VARIANT:-}.yaml") \
    > "$WORK/moat${VARIANT:-}.log" 2>&1 &
  MOAT_PID=$!
  STARTED_PIDS+=("$MOAT_PID")
  wait_for_port "$2" 120 "$MOAT_PID" || { tail -n 30 "$WORK/moat${VARIANT:-}.log" >&2; die "Moat did not start (log above, config $WORK/moat${VARIANT:-}.yaml)"; }
  local deadline=$((SECONDS + 60))
  until curl -fs "http://127.0.0.1:$2/readyz" >/dev/null; do
    [ $SECONDS -lt $deadline ] || { tail -n 30 "$WORK/moat${VARIANT:-}.log" >&2; die "Moat is not ready after 60 s"; }
    sleep 0.2
  done
  # The JVM is the launcher's child when ./moat is used through exec, so MOAT_PID is the JVM itself.
  log "moat${VARIANT:-}: gateway 127.0.0.1:$1, admin 127.0.0.1:$2 (pid $MOAT_PID, cpus ${4:-any})"
}


admin() { # method path [json]
  curl -fsS -X "$1" "http://127.0.0.1:$ADMIN_PORT$2" -H "authorization: Bearer $MOAT_ADMIN_TOKEN" \
    -H 'content-type: application/json' ${3:+-d "$3"}
}

json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }

# Creates an approved organisation with one key for every bench model (limits on, never reached);
# prints the key's secret.
onboard() {
  local org_json org_id key_json secret
  org_json="$(admin POST /admin/v1/orgs '{"name":"Loopback Benchmark Laboratories","country":"US","contact_email":"bench@bench.example","tier":"enterprise","owners":[{"name":"Loopback Holdings","type":"organization","country":"US","share_percent":100}],"intended_use":"load testing"}')" \
    || die "could not create the organisation (admin API)"
  org_id="$(echo "$org_json" | json_field id)"
  [ -n "$org_id" ] || die "no organisation id in: $org_json"
  case "$(echo "$org_json" | json_field status)" in
    approved) ;;
    *) admin POST "/admin/v1/orgs/$org_id/approve" '{"note":"load test"}' >/dev/null || die "could not approve $org_id: $org_json" ;;
  esac
  key_json="$(admin POST "/admin/v1/orgs/$org_id/keys" '{"name":"bench","models":["model-a","model-b","model-sse"],"limits":{"requests_per_minute":100000000,"tokens_per_minute":1000000000,"tokens_per_day":1000000000000}}')" \
    || die "could not create a key for $org_id"
  secret="$(echo "$key_json" | json_field key)"
  [ -n "$secret" ] || die "no key in: $key_json"
  echo "$secret"
}

# Stops one process this script started and forgets it.
stop_pid() {
  local pid="$1" i kept=()
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for i in "${STARTED_PIDS[@]}"; do [ "$i" = "$pid" ] || kept+=("$i"); done
  STARTED_PIDS=("${kept[@]}")
}
