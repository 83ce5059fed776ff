#!/usr/bin/env bash
# The gateway benchmark (docs/benchmarks.md, "Gateway"): throughput and added latency of the same cheap GET requests
# sent (a) straight to auth-service, (b) through our gateway (JWT check at the edge, rate limit in Redis) and (c)
# through nginx as a plain reverse proxy, side by side in one run.
#
#   benchmarks/gateway/run.sh          (from anywhere; about 9½ minutes; results in target/benchmarks/gateway.md)
#
# What it does:
#  1. installs nginx and wrk from Debian if they are missing (apt-get install -y nginx-light wrk);
#  2. builds gateway, auth-service and devstack with Maven if a jar is missing or older than its sources;
#  3. starts its own stack on 127.0.0.1, on ports of its own (BENCH_PORT_BASE, default 28000) so it never collides
#     with a devstack on the default ones: PostgreSQL, Kafka and Redis (the embedded servers of platform-test, with
#     throwaway data), auth-service, the gateway in front of it (rate limit raised so nothing is refused, every
#     request still checked in Redis), and nginx in front of the same auth-service;
#  4. registers a user and logs in through the gateway, for a real access token;
#  5. for GET /.well-known/jwks.json (public, no database) and GET /api/v1/auth/me (bearer token checked at the
#     edge and again by auth-service, one database read): warm-up, then the maximum rate of each target with wrk
#     (closed loop, fixed connections) in interleaved rounds, then latency at half of the gateway's maximum rate
#     with OpenLoop.java (constant rate, open loop);
#  6. writes the machine, the raw numbers and the verdicts against the targets to target/benchmarks/gateway.md.
# Everything it starts is stopped by PID when it exits, however it exits. Shared parts: benchmarks/lib/.
#
# Settings (environment): BENCH_ROUNDS (3), BENCH_THROUGHPUT_SECONDS (10), BENCH_GATEWAY_WARMUP_SECONDS (45, per
# endpoint: the gateway's JIT needs about a minute of load), BENCH_WARMUP_SECONDS (5, per endpoint, direct and nginx),
# BENCH_LATENCY_ROUNDS (3), BENCH_LATENCY_SECONDS (10), BENCH_CONNECTIONS (32, wrk), BENCH_WRK_THREADS (2),
# BENCH_LATENCY_CONNECTIONS (16, OpenLoop), BENCH_NGINX_WORKERS (1), BENCH_PORT_BASE (28000),
# BENCH_SERVICE_JVM_OPTIONS ("-Xms512m -Xmx512m -XX:+UseG1GC"), BENCH_BUILD (auto | never | always),
# BENCH_QUIET_WAIT (0: seconds to wait, before starting, until other processes use at most BENCH_QUIET_THRESHOLD
# percent (10) of the machine; the share they used is reported either way).
set -euo pipefail

ROUNDS=${BENCH_ROUNDS:-3}
THROUGHPUT_SECONDS=${BENCH_THROUGHPUT_SECONDS:-10}
GATEWAY_WARMUP_SECONDS=${BENCH_GATEWAY_WARMUP_SECONDS:-45}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-5}
LATENCY_ROUNDS=${BENCH_LATENCY_ROUNDS:-3}
LATENCY_SECONDS=${BENCH_LATENCY_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
LATENCY_CONNECTIONS=${BENCH_LATENCY_CONNECTIONS:-16}
NGINX_WORKERS=${BENCH_NGINX_WORKERS:-1}
PORT_BASE=${BENCH_PORT_BASE:-28000}
read -r -a SERVICE_JVM_OPTIONS <<<"${BENCH_SERVICE_JVM_OPTIONS:--Xms512m -Xmx512m -XX:+UseG1GC}"
BUILD=${BENCH_BUILD:-auto}
QUIET_WAIT=${BENCH_QUIET_WAIT:-0}
QUIET_THRESHOLD=${BENCH_QUIET_THRESHOLD:-10}
# Requests per second per client and bucket: far above anything this machine reaches, so no request is refused,
# but every one still runs the rate-limit script in Redis.
RATE_LIMIT_REQUESTS=1000000

readonly GATEWAY_PORT=$((PORT_BASE + 80)) GATEWAY_MANAGEMENT_PORT=$((PORT_BASE + 90))
readonly AUTH_PORT=$((PORT_BASE + 81)) AUTH_MANAGEMENT_PORT=$((PORT_BASE + 91))
readonly NGINX_PORT=$((PORT_BASE + 88))
readonly POSTGRES_PORT=$((PORT_BASE + 432)) REDIS_PORT=$((PORT_BASE + 379))
readonly KAFKA_PORT=$((PORT_BASE + 92)) KAFKA_CONTROLLER_PORT=$((PORT_BASE + 93))

ROOT=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
readonly HERE=benchmarks/gateway
readonly WORK=$ROOT/target/benchmarks/gateway-run
readonly REPORT=$ROOT/target/benchmarks/gateway.md
readonly LOGS=$WORK/logs RAW=$WORK/raw

# shellcheck source=../lib/stack.sh
source "$ROOT/benchmarks/lib/stack.sh"

# ---- tools ---------------------------------------------------------------------------------------------------------

NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ---- the stack -----------------------------------------------------------------------------------------------------

start_services() {
  local jwks=http://127.0.0.1:$AUTH_PORT/.well-known/jwks.json
  log "Starting auth-service :$AUTH_PORT and the gateway :$GATEWAY_PORT (JVM: ${SERVICE_JVM_OPTIONS[*]})"
  start_service auth-service auth-service.jar \
    SERVER_PORT="$AUTH_PORT" MANAGEMENT_SERVER_PORT="$AUTH_MANAGEMENT_PORT" \
    FRUITFULPLANET_DATABASE_HOST=127.0.0.1 FRUITFULPLANET_DATABASE_PORT="$POSTGRES_PORT" \
    FRUITFULPLANET_DATABASE_NAME=fruitfulplanet FRUITFULPLANET_DATABASE_USERNAME=auth \
    FRUITFULPLANET_DATABASE_PASSWORD="$DB_PASSWORD" \
    SPRING_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT" \
    FRUITFULPLANET_SECURITY_JWT_JWKSETURI="$jwks"
  start_service gateway gateway.jar \
    SERVER_PORT="$GATEWAY_PORT" MANAGEMENT_SERVER_PORT="$GATEWAY_MANAGEMENT_PORT" \
    SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT" \
    FRUITFULPLANET_SECURITY_JWT_JWKSETURI="$jwks" \
    FRUITFULPLANET_GATEWAY_BACKENDS_AUTH_SERVICE_URI="http://127.0.0.1:$AUTH_PORT" \
    FRUITFULPLANET_GATEWAY_BACKENDS_AUTH_SERVICE_MANAGEMENT_URI="http://127.0.0.1:$AUTH_MANAGEMENT_PORT" \
    FRUITFULPLANET_GATEWAY_RATELIMIT_ENABLED=true \
    FRUITFULPLANET_GATEWAY_RATELIMIT_DEFAULTLIMIT_REQUESTS="$RATE_LIMIT_REQUESTS" \
    FRUITFULPLANET_GATEWAY_RATELIMIT_DEFAULTLIMIT_PERIOD=1s
  await_http auth-service "http://127.0.0.1:$AUTH_MANAGEMENT_PORT/actuator/health/readiness" "$auth_service_PID" 180
  # The gateway's own readiness (not the platform's, which would wait for the five services not started here).
  await_http gateway "http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/health/readiness" "$gateway_PID" 180
}

start_nginx() {
  local conf=$WORK/nginx/nginx.conf
  mkdir -p "$WORK/nginx/temp"
  chmod 1777 "$WORK/nginx/temp" # workers may run as another user (www-data) when started as root
  cat >"$conf" <<EOF
# Generated by benchmarks/gateway/run.sh: a plain reverse proxy in front of auth-service, loopback only.
worker_processes $NGINX_WORKERS;
pid $WORK/nginx/nginx.pid;
error_log $LOGS/nginx-error.log warn;
events {
    worker_connections 4096;
}
http {
    access_log off;
    client_body_temp_path $WORK/nginx/temp/body;
    proxy_temp_path $WORK/nginx/temp/proxy;
    fastcgi_temp_path $WORK/nginx/temp/fastcgi;
    uwsgi_temp_path $WORK/nginx/temp/uwsgi;
    scgi_temp_path $WORK/nginx/temp/scgi;
    upstream auth_service {
        server 127.0.0.1:$AUTH_PORT;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://auth_service;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
  "$NGINX" -t -q -p "$WORK/nginx" -e "$LOGS/nginx-error.log" -c "$conf" 2>>"$LOGS/nginx-error.log" ||
    fail "nginx refused the generated configuration; see $LOGS/nginx-error.log"
  "$NGINX" -p "$WORK/nginx" -e "$LOGS/nginx-error.log" -c "$conf" -g 'daemon off;' >>"$LOGS/nginx.log" 2>&1 &
  NGINX_PID=$!
  remember nginx "$NGINX_PID" "$conf"
  await_http nginx "http://127.0.0.1:$NGINX_PORT/.well-known/jwks.json" "$NGINX_PID" 30
}

# ---- where the CPU goes --------------------------------------------------------------------------------------------

# The components whose CPU the report shows (benchmarks/lib/stack.sh, cpu_snapshot), in the order of CPU_ROOTS.
readonly COMPONENTS=(gateway auth-service nginx redis postgres)

# For the gateway: its rate-limit decisions in Redis and locally during the measurement (DECISIONS).
declare -A DECISIONS
measure_before() {
  DECISIONS_BEFORE=""
  if [[ $1 == *,gateway ]]; then DECISIONS_BEFORE=$(rate_limit_decisions "$GATEWAY_MANAGEMENT_PORT"); fi
}
measure_after() {
  if [ -n "$DECISIONS_BEFORE" ]; then
    DECISIONS[$1]=$(rate_limit_decisions_since "$DECISIONS_BEFORE" "$GATEWAY_MANAGEMENT_PORT")
  fi
}

# ---- the client's view ---------------------------------------------------------------------------------------------

register() {
  EMAIL=bench-$RANDOM$RANDOM@example.com
  PASSWORD=Bench-$RANDOM-$RANDOM-pass
  local body
  body=$(printf '{"email":"%s","password":"%s","name":"Gateway Benchmark"}' "$EMAIL" "$PASSWORD")
  curl -fsS -o /dev/null --max-time 30 -H 'Content-Type: application/json' -d "$body" \
    "http://127.0.0.1:$GATEWAY_PORT/api/v1/auth/register" || fail "registration through the gateway failed"
  log "  registered $EMAIL"
}

# A fresh access token before each phase: they live 15 minutes.
log_in() {
  local body
  body=$(printf '{"email":"%s","password":"%s"}' "$EMAIL" "$PASSWORD")
  TOKEN=$(curl -fsS --max-time 30 -H 'Content-Type: application/json' -d "$body" \
    "http://127.0.0.1:$GATEWAY_PORT/api/v1/auth/login" | sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p')
  [ -n "$TOKEN" ] || fail "login through the gateway returned no access token"
}

url_of() { # target endpoint
  local port
  case $1 in
    direct) port=$AUTH_PORT ;;
    gateway) port=$GATEWAY_PORT ;;
    nginx) port=$NGINX_PORT ;;
  esac
  case $2 in
    jwks) echo "http://127.0.0.1:$port/.well-known/jwks.json" ;;
    me) echo "http://127.0.0.1:$port/api/v1/auth/me" ;;
  esac
}

# Every target answers every endpoint with 200, and the gateway carries the raised limit.
check_targets() {
  local target endpoint code headers
  for endpoint in jwks me; do
    for target in direct gateway nginx; do
      code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $TOKEN" \
        "$(url_of "$target" "$endpoint")")
      [ "$code" = 200 ] || fail "GET $(url_of "$target" "$endpoint") answered $code, not 200"
    done
  done
  headers=$(curl -sS -D - -o /dev/null --max-time 10 -H "Authorization: Bearer $TOKEN" "$(url_of gateway me)")
  grep -qi "^X-RateLimit-Limit: $RATE_LIMIT_REQUESTS" <<<"$headers" ||
    fail "the gateway does not report the raised rate limit (X-RateLimit-Limit: $RATE_LIMIT_REQUESTS): $headers"
}

# wrk's requests/s, and its count of non-2xx/3xx answers and socket errors, from its output file.
run_wrk() { # target endpoint seconds output
  local args=(-t"$WRK_THREADS" -c"$CONNECTIONS" -d"$3"s --latency)
  [ "$2" = me ] && args+=(-H "Authorization: Bearer $TOKEN")
  timeout $(($3 + 30)) wrk "${args[@]}" "$(url_of "$1" "$2")" >"$4" 2>&1 || fail "wrk failed: $4"
}

run_open_loop() { # target endpoint rate output
  local args=()
  [ "$2" = me ] && args+=(-H "Authorization: Bearer $TOKEN")
  timeout $((LATENCY_SECONDS + 60)) "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx256m -cp "$WORK/classes" OpenLoop \
    "$(url_of "$1" "$2")" "$3" "$LATENCY_SECONDS" "$LATENCY_CONNECTIONS" 2 "${args[@]}" >"$4" 2>&1 ||
    fail "OpenLoop failed: $4"
}

# Each round starts with a different target, so that none is always measured first (or last) after the others.
order_of_round() {
  case $(($1 % 3)) in
    1) echo direct gateway nginx ;;
    2) echo gateway nginx direct ;;
    0) echo nginx direct gateway ;;
  esac
}

# ---- main ----------------------------------------------------------------------------------------------------------

rm -rf "$WORK"
mkdir -p "$LOGS" "$RAW" "$(dirname "$REPORT")"
RUN_STARTED=$SECONDS
install_tools nginx:nginx-light wrk:wrk curl:curl
use_jdk
build_if_needed gateway auth-service platform-libs/devstack
require_free_ports "$GATEWAY_PORT" "$GATEWAY_MANAGEMENT_PORT" "$AUTH_PORT" "$AUTH_MANAGEMENT_PORT" "$NGINX_PORT" \
  "$POSTGRES_PORT" "$REDIS_PORT" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
DB_PASSWORD=bench-$RANDOM$RANDOM$RANDOM
prepare_infrastructure "$HERE/OpenLoop.java"
copy_jars gateway/target/gateway.jar auth-service/target/auth-service.jar
# Before anything of ours runs: how busy the machine is, and (with BENCH_QUIET_WAIT) a wait until it is quiet.
await_quiet
STACK_STARTED=$SECONDS
start_infrastructure auth-service
start_services
start_nginx
register
log_in
check_targets
STACK_READY=$((SECONDS - STACK_STARTED))
CPU_ROOTS="$gateway_PID $auth_service_PID $NGINX_PID $REDIS_PID $POSTGRES_PID" # in the order of COMPONENTS
if [ "${BENCH_STACK_ONLY:-}" = 1 ]; then
  log "Stack only (BENCH_STACK_ONLY=1): direct $(url_of direct me), gateway $(url_of gateway me), nginx $(url_of nginx me)"
  printf '%s\n' "$TOKEN" >"$WORK/token"
  log "  access token in $WORK/token; gateway metrics on :$GATEWAY_MANAGEMENT_PORT. Ctrl-C (or SIGTERM) stops it."
  while :; do sleep 1; done
fi

ENDPOINTS=(jwks me)
TARGETS=(direct gateway nginx)
declare -A RPS REQUESTS BAD LAT HALF

log "Warm-up: wrk for $GATEWAY_WARMUP_SECONDS s through the gateway, $WARMUP_SECONDS s direct and through nginx," \
  "per endpoint"
for endpoint in "${ENDPOINTS[@]}"; do
  run_wrk gateway "$endpoint" "$GATEWAY_WARMUP_SECONDS" "$RAW/warmup-$endpoint-gateway.txt"
  run_wrk nginx "$endpoint" "$WARMUP_SECONDS" "$RAW/warmup-$endpoint-nginx.txt"
  run_wrk direct "$endpoint" "$WARMUP_SECONDS" "$RAW/warmup-$endpoint-direct.txt"
done

log_in
log "Maximum rate: $ROUNDS rounds of $THROUGHPUT_SECONDS s per target and endpoint (wrk -t$WRK_THREADS -c$CONNECTIONS)"
for ((round = 1; round <= ROUNDS; round++)); do
  for endpoint in "${ENDPOINTS[@]}"; do
    for target in $(order_of_round "$round"); do
      out=$RAW/throughput-$round-$endpoint-$target.txt
      measured "t$round,$endpoint,$target" run_wrk "$target" "$endpoint" "$THROUGHPUT_SECONDS" "$out"
      RPS[$round,$endpoint,$target]=$(wrk_rps "$out")
      REQUESTS[$round,$endpoint,$target]=$(awk '/ requests in / { print $1 }' "$out")
      BAD[$round,$endpoint,$target]=$(wrk_bad "$out")
      log "  round $round $endpoint $target: ${RPS[$round,$endpoint,$target]} requests/s" \
        "(${BAD[$round,$endpoint,$target]} errors; other processes, steal: ${OTHER[t$round,$endpoint,$target]})"
    done
  done
done

mean_rps() { # endpoint target
  local round sum=0
  for ((round = 1; round <= ROUNDS; round++)); do sum=$((sum + RPS[$round,$1,$2])); done
  echo $((sum / ROUNDS))
}

for endpoint in "${ENDPOINTS[@]}"; do
  HALF[$endpoint]=$(($(mean_rps "$endpoint" gateway) / 2))
  [ "${HALF[$endpoint]}" -gt 0 ] || fail "the gateway served no $endpoint requests"
done

log_in
log "Latency at half of the gateway's maximum rate (jwks ${HALF[jwks]}/s, me ${HALF[me]}/s):" \
  "$LATENCY_ROUNDS rounds of $LATENCY_SECONDS s per target and endpoint"
for ((round = 1; round <= LATENCY_ROUNDS; round++)); do
  for endpoint in "${ENDPOINTS[@]}"; do
    for target in $(order_of_round "$round"); do
      out=$RAW/latency-$round-$endpoint-$target.txt
      measured "l$round,$endpoint,$target" run_open_loop "$target" "$endpoint" "${HALF[$endpoint]}" "$out"
      LAT[$round,$endpoint,$target]=$out
      log "  round $round $endpoint $target: $(head -n 1 "$out")" \
        "(other processes, steal: ${OTHER[l$round,$endpoint,$target]})"
    done
  done
done

# What the gateway counted: every decision made in Redis, none refused, no fallback to the local limiter.
curl -fsS --max-time 10 "http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/prometheus" >"$RAW/gateway-metrics.txt" ||
  true
RATE_LIMIT_METRICS=$(grep -E '^gateway_rate_limit_(requests|fallbacks)' "$RAW/gateway-metrics.txt" || true)

# ---- report --------------------------------------------------------------------------------------------------------

# "direct / gateway / nginx": the share of the machine other processes and the hypervisor (steal) took meanwhile.
others() { # t|l round endpoint
  local target shares=()
  for target in direct gateway nginx; do
    shares+=("$(awk -v s="${OTHER[$1$2,$3,$target]}" 'BEGIN { split(s, x, " "); printf "%d%%", x[1] + x[2] }')")
  done
  echo "${shares[0]} / ${shares[1]} / ${shares[2]}"
}
endpoint_title() {
  case $1 in
    jwks) echo "GET /.well-known/jwks.json (public, no database)" ;;
    me) echo "GET /api/v1/auth/me (bearer token: checked by the gateway and by auth-service; one database read)" ;;
  esac
}
# The share of the gateway's rate-limit decisions made in Redis during one measurement.
redis_share() { # key
  awk -v d="${DECISIONS[$1]:-}" 'BEGIN {
    split(d, x, " "); total = x[1] + x[2]
    if (total > 0) printf "%.0f%%", 100 * x[1] / total; else printf "n/a"
  }'
}
# CPU milliseconds per request of each component, and all together, over the maximum-rate rounds of one target.
cpu_per_request() { # endpoint target
  local round ticks="" requests=0
  for ((round = 1; round <= ROUNDS; round++)); do
    ticks+="${TICKS[t$round,$1,$2]}"$'\n'
    requests=$((requests + REQUESTS[$round,$1,$2]))
  done
  awk -v requests="$requests" -v hz="$(getconf CLK_TCK)" '
    NF { for (i = 1; i <= NF; i++) sum[i] += $i; n = NF }
    END {
      for (i = 1; i <= n; i++) { ms = requests ? 1000 * sum[i] / hz / requests : 0; all += ms; printf "%.3f | ", ms }
      printf "%.3f\n", all
    }' <<<"$ticks"
}
mean_latency() { # endpoint target quantile
  local round
  for ((round = 1; round <= LATENCY_ROUNDS; round++)); do field "${LAT[$round,$1,$2]}" "$3"; done | mean
}

describe_machine
all_others=$(for key in "${!OTHER[@]}"; do echo "${OTHER[$key]%%%*}"; done | mean)
all_steal=$(for key in "${!OTHER[@]}"; do steal=${OTHER[$key]#* }; echo "${steal%\%}"; done | mean)

{
  echo "# Gateway benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`benchmarks/gateway/run.sh\`, on commit $COMMIT$DIRTY; finished in $((SECONDS - RUN_STARTED)) s."
  echo
  echo "Machine: $CPU_MODEL, $(nproc) cores, $MEMORY, kernel $(uname -r), JDK $JDK,"
  echo "$("$NGINX" -v 2>&1 | sed 's/.*: //'), wrk $(wrk -v 2>&1 | awk 'NR == 1 { print $2 }')."
  echo
  echo "Setup, all on 127.0.0.1: auth-service and the gateway, each its own JVM (${SERVICE_JVM_OPTIONS[*]});"
  echo "PostgreSQL, Kafka and Redis embedded (platform-test) with throwaway data; nginx with $NGINX_WORKERS worker"
  echo "process(es), a keep-alive upstream and no access log. The gateway's rate limit is raised to"
  echo "$RATE_LIMIT_REQUESTS requests/s per client: nothing is refused, but every request is charged, in Redis unless"
  echo "the gateway falls back to its local limiter (Redis slower than its timeout); the share decided in Redis is in"
  echo "the tables."
  echo "The stack was ready $STACK_READY s after it started."
  echo
  echo "Others on the machine: processes not started by this run used ${OTHER_BEFORE%% *} of all cores just before"
  echo "the start (the hypervisor's steal: ${OTHER_BEFORE#* }), and $all_others% on average while measuring (steal:"
  echo "$all_steal%). What they took together during each measurement is in the tables (\"taken by others\","
  echo "direct / gateway / nginx)."
  for endpoint in "${ENDPOINTS[@]}"; do
    echo
    echo "## $(endpoint_title "$endpoint")"
    echo
    echo "Maximum rate: wrk, closed loop, $WRK_THREADS threads, $CONNECTIONS connections, $THROUGHPUT_SECONDS s per target and round."
    echo
    echo "| round | direct (requests/s) | gateway (requests/s) | nginx (requests/s) | gateway / nginx | gateway / direct | errors | rate limit decided in Redis | taken by others |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for ((round = 1; round <= ROUNDS; round++)); do
      d=${RPS[$round,$endpoint,direct]} g=${RPS[$round,$endpoint,gateway]} n=${RPS[$round,$endpoint,nginx]}
      errors=$((BAD[$round,$endpoint,direct] + BAD[$round,$endpoint,gateway] + BAD[$round,$endpoint,nginx]))
      echo "| $round | $d | $g | $n | $(ratio "$g" "$n") | $(ratio "$g" "$d") | $errors" \
        "| $(redis_share "t$round,$endpoint,gateway") | $(others t "$round" "$endpoint") |"
    done
    d=$(mean_rps "$endpoint" direct) g=$(mean_rps "$endpoint" gateway) n=$(mean_rps "$endpoint" nginx)
    echo "| **mean** | **$d** | **$g** | **$n** | **$(ratio "$g" "$n")** | **$(ratio "$g" "$d")** | | | |"
    echo
    echo "CPU time per request in these rounds (ms; every thread of each process, JIT and GC included; PostgreSQL"
    echo "with its backends):"
    echo
    echo "| path | gateway | auth-service | nginx | Redis | PostgreSQL | all |"
    echo "|---|---|---|---|---|---|---|"
    for target in "${TARGETS[@]}"; do
      echo "| $target | $(cpu_per_request "$endpoint" "$target") |"
    done
    echo
    echo "Latency at ${HALF[$endpoint]} requests/s (half of the gateway's maximum): OpenLoop, constant rate, open loop,"
    echo "$LATENCY_CONNECTIONS connections, $LATENCY_SECONDS s per target and round, each latency counted from when"
    echo "the request was due. Added p99 = p99 through the proxy − p99 direct, same round."
    echo
    echo "| round | direct p50 / p99 (ms) | gateway p50 / p99 (ms) | nginx p50 / p99 (ms) | gateway added p99 | nginx added p99 | errors | rate limit decided in Redis | taken by others |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for ((round = 1; round <= LATENCY_ROUNDS; round++)); do
      fd=${LAT[$round,$endpoint,direct]} fg=${LAT[$round,$endpoint,gateway]} fn=${LAT[$round,$endpoint,nginx]}
      errors=$(($(field "$fd" errors) + $(field "$fg" errors) + $(field "$fn" errors)))
      echo "| $round | $(field "$fd" p50_ms) / $(field "$fd" p99_ms) | $(field "$fg" p50_ms) / $(field "$fg" p99_ms)" \
        "| $(field "$fn" p50_ms) / $(field "$fn" p99_ms) | $(minus "$(field "$fg" p99_ms)" "$(field "$fd" p99_ms)") ms" \
        "| $(minus "$(field "$fn" p99_ms)" "$(field "$fd" p99_ms)") ms | $errors" \
        "| $(redis_share "l$round,$endpoint,gateway") | $(others l "$round" "$endpoint") |"
    done
    for target in "${TARGETS[@]}"; do
      printf -v "p50_$target" '%s' "$(mean_latency "$endpoint" "$target" p50_ms)"
      printf -v "p99_$target" '%s' "$(mean_latency "$endpoint" "$target" p99_ms)"
    done
    echo "| **mean** | **$p50_direct / $p99_direct** | **$p50_gateway / $p99_gateway** | **$p50_nginx / $p99_nginx**" \
      "| **$(minus "$p99_gateway" "$p99_direct") ms** | **$(minus "$p99_nginx" "$p99_direct") ms** | | | |"
    printf -v "added_$endpoint" '%s' "$(minus "$p99_gateway" "$p99_direct")"
    printf -v "median_added_$endpoint" '%s' "$(for ((round = 1; round <= LATENCY_ROUNDS; round++)); do
      minus "$(field "${LAT[$round,$endpoint,gateway]}" p99_ms)" "$(field "${LAT[$round,$endpoint,direct]}" p99_ms)"
      echo
    done | median)"
  done
  echo
  echo "## Against the targets"
  echo
  echo "Judged by the median round, which a burst of other load in one round does not move (with two or three rounds"
  echo "a single disturbed direct run can even make a mean negative); the mean of all rounds is shown beside it."
  echo
  echo "| target | endpoint | median round | mean of all rounds | met? |"
  echo "|---|---|---|---|---|"
  for endpoint in "${ENDPOINTS[@]}"; do
    r=$(ratio "$(mean_rps "$endpoint" gateway)" "$(mean_rps "$endpoint" nginx)")
    m=$(for ((round = 1; round <= ROUNDS; round++)); do
      ratio "${RPS[$round,$endpoint,gateway]}" "${RPS[$round,$endpoint,nginx]}"
      echo
    done | median)
    echo "| gateway ≥ 0.9 × nginx requests/s | $endpoint | $m | $r | $(verdict ">=" 0.9 "$m") |"
  done
  for endpoint in "${ENDPOINTS[@]}"; do
    added=added_$endpoint m=median_added_$endpoint
    echo "| gateway added p99 ≤ 2 ms at half of its max rate | $endpoint | ${!m} ms | ${!added} ms |" \
      "$(verdict "<=" 2 "${!m}") |"
  done
  echo
  echo "## Rate limiting, as the gateway counted it (warm-up and checks included)"
  echo
  echo '```'
  echo "${RATE_LIMIT_METRICS:-(no gateway_rate_limit_* metrics found)}"
  echo '```'
  echo
  echo "Raw output of every wrk and OpenLoop run: ${RAW#"$ROOT"/}; logs: ${LOGS#"$ROOT"/}."
} >"$REPORT"

log "Done in $((SECONDS - RUN_STARTED)) s; report: $REPORT"
cat "$REPORT"
