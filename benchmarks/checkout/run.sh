#!/usr/bin/env bash
# The checkout benchmark (docs/benchmarks.md, "Checkout"): orders per second that reach CONFIRMED and the latency of
# the whole saga (PENDING → CONFIRMED) at fixed arrival rates, every order placed through the gateway.
#
#   benchmarks/checkout/run.sh          (from anywhere; about 10 minutes; results in target/benchmarks/checkout.md)
#
# What it does:
#  1. installs curl from Debian if it is missing;
#  2. builds gateway, auth-service, catalog-service, order-service, payment-service and devstack with Maven if a jar
#     is missing or older than its sources;
#  3. starts its own stack on 127.0.0.1, on ports of its own (BENCH_PORT_BASE, default 30000) so it never collides
#     with a devstack or another benchmark: PostgreSQL, Kafka and Redis (the embedded servers of platform-test, with
#     throwaway data), the five services of checkout, each its own JVM, and the gateway in front of them (rate limit
#     raised so nothing is refused, every request still charged in Redis);
#  4. as the bootstrap admin, creates BENCH_PRODUCTS products with BENCH_STOCK each; registers BENCH_USERS users
#     (straight at auth-service) and logs them in; waits until order-service's catalog read model has every product
#     (CheckoutBench.java setup);
#  5. warms up at BENCH_WARMUP_RATE orders/s for BENCH_WARMUP_SECONDS (not reported), then for each rate of
#     BENCH_RATES places orders at that fixed rate for BENCH_SECONDS (open model: order i is due at start + i / rate,
#     whatever the earlier answers; unique Idempotency-Key, a random one of the users, one product, tok_visa), then
#     waits (at most BENCH_DRAIN_SECONDS) until every order is CONFIRMED or CANCELLED and reads the saga's own
#     timestamps from the services' schemas: PENDING and CONFIRMED in order-service's history, and for each of the
#     saga's four messages its outbox row at the sender (written, published) and its inbox row at the receiver
#     (handler began) (CheckoutBench.java load / report);
#  6. writes the machine, the POST latency and errors, the confirmed orders per second, PENDING → CONFIRMED
#     p50/p90/p99/max with its split over the saga's relays, Kafka hops and handlers, CPU per order of each process
#     (and per second while idle: BENCH_IDLE_SECONDS, 30, without orders between the warm-up and the first rate) and
#     the verdict against the target (p99 ≤ 250 ms at 50 orders/s) to target/benchmarks/checkout.md.
# Everything it starts is stopped by PID when it exits, however it exits. Shared parts: benchmarks/lib/.
#
# Settings (environment): BENCH_RATES ("5 10 25 50", orders/s), BENCH_SECONDS (60, per rate), BENCH_WARMUP_RATE
# (10, a rate the stack sustains), BENCH_WARMUP_SECONDS (120: five JVMs keep JIT-compiling for minutes),
# BENCH_DRAIN_SECONDS (600: most to wait, after each rate, until every order is final and
# the saga has nothing left in outboxes and consumer groups), BENCH_USERS (50), BENCH_PRODUCTS (20), BENCH_STOCK
# (1000000 per product), BENCH_PORT_BASE (30000), BENCH_SERVICE_JVM_OPTIONS ("-Xms512m -Xmx512m -XX:+UseG1GC"),
# BENCH_BUILD (auto | never | always), BENCH_QUIET_WAIT (0: seconds to wait, before starting, until other processes
# use at most BENCH_QUIET_THRESHOLD percent (10) of the machine; the share they used is reported either way),
# BENCH_STACK_ONLY (1: start and set up the stack, then wait for Ctrl-C), BENCH_SERVICE_ENV (NAME=value ... given to
# every service, for experiments, e.g. FRUITFULPLANET_EVENTS_CONSUMER_CONCURRENCY=3; reported).
set -euo pipefail

read -r -a RATES <<<"${BENCH_RATES:-5 10 25 50}"
SECONDS_PER_RATE=${BENCH_SECONDS:-60}
WARMUP_RATE=${BENCH_WARMUP_RATE:-10}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-120}
DRAIN_SECONDS=${BENCH_DRAIN_SECONDS:-600}
read -r -a EXTRA_ENVIRONMENT <<<"${BENCH_SERVICE_ENV:-}"
USERS=${BENCH_USERS:-50}
PRODUCTS=${BENCH_PRODUCTS:-20}
STOCK=${BENCH_STOCK:-1000000}
PORT_BASE=${BENCH_PORT_BASE:-30000}
read -r -a SERVICE_JVM_OPTIONS <<<"${BENCH_SERVICE_JVM_OPTIONS:--Xms512m -Xmx512m -XX:+UseG1GC}"
BUILD=${BENCH_BUILD:-auto}
QUIET_WAIT=${BENCH_QUIET_WAIT:-0}
QUIET_THRESHOLD=${BENCH_QUIET_THRESHOLD:-10}
# Requests per second per client and bucket: far above anything this machine reaches, so no request is refused,
# but every one still runs the rate-limit script in Redis.
RATE_LIMIT_REQUESTS=1000000
# The target of issue 6.
TARGET_RATE=50 TARGET_P99_MS=250

readonly GATEWAY_PORT=$((PORT_BASE + 80)) GATEWAY_MANAGEMENT_PORT=$((PORT_BASE + 90))
readonly AUTH_PORT=$((PORT_BASE + 81)) AUTH_MANAGEMENT_PORT=$((PORT_BASE + 91))
readonly CATALOG_PORT=$((PORT_BASE + 82)) CATALOG_MANAGEMENT_PORT=$((PORT_BASE + 92))
readonly ORDER_PORT=$((PORT_BASE + 83)) ORDER_MANAGEMENT_PORT=$((PORT_BASE + 93))
readonly PAYMENT_PORT=$((PORT_BASE + 84)) PAYMENT_MANAGEMENT_PORT=$((PORT_BASE + 94))
readonly POSTGRES_PORT=$((PORT_BASE + 432)) REDIS_PORT=$((PORT_BASE + 379))
readonly KAFKA_PORT=$((PORT_BASE + 192)) KAFKA_CONTROLLER_PORT=$((PORT_BASE + 193))

ROOT=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
readonly HERE=benchmarks/checkout
readonly WORK=$ROOT/target/benchmarks/checkout-run
readonly REPORT=$ROOT/target/benchmarks/checkout.md
readonly LOGS=$WORK/logs RAW=$WORK/raw

# shellcheck source=../lib/stack.sh
source "$ROOT/benchmarks/lib/stack.sh"

# ---- the stack -----------------------------------------------------------------------------------------------------

# What every service with a database and Kafka gets: <schema> then NAME=value pairs of its own.
backend_environment() {
  local schema=$1
  echo "FRUITFULPLANET_DATABASE_HOST=127.0.0.1 FRUITFULPLANET_DATABASE_PORT=$POSTGRES_PORT" \
    "FRUITFULPLANET_DATABASE_NAME=fruitfulplanet FRUITFULPLANET_DATABASE_USERNAME=$schema" \
    "FRUITFULPLANET_DATABASE_PASSWORD=$DB_PASSWORD SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT" \
    "SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=$REDIS_PORT" \
    "FRUITFULPLANET_SECURITY_JWT_JWKSETURI=http://127.0.0.1:$AUTH_PORT/.well-known/jwks.json" \
    "${EXTRA_ENVIRONMENT[@]}"
}

start_services() {
  log "Starting auth-service :$AUTH_PORT, catalog-service :$CATALOG_PORT, order-service :$ORDER_PORT," \
    "payment-service :$PAYMENT_PORT and the gateway :$GATEWAY_PORT (JVM: ${SERVICE_JVM_OPTIONS[*]})"
  ADMIN_EMAIL=admin@checkout.bench
  ADMIN_PASSWORD=Bench-admin-$RANDOM$RANDOM$RANDOM
  # shellcheck disable=SC2046 # the pairs are words without spaces
  start_service auth-service auth-service.jar SERVER_PORT="$AUTH_PORT" MANAGEMENT_SERVER_PORT="$AUTH_MANAGEMENT_PORT" \
    $(backend_environment auth) \
    FRUITFULPLANET_AUTH_BOOTSTRAP_ADMIN_EMAIL="$ADMIN_EMAIL" FRUITFULPLANET_AUTH_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD"
  # shellcheck disable=SC2046
  start_service catalog-service catalog-service.jar SERVER_PORT="$CATALOG_PORT" \
    MANAGEMENT_SERVER_PORT="$CATALOG_MANAGEMENT_PORT" $(backend_environment catalog)
  # shellcheck disable=SC2046
  start_service order-service order-service.jar SERVER_PORT="$ORDER_PORT" \
    MANAGEMENT_SERVER_PORT="$ORDER_MANAGEMENT_PORT" $(backend_environment ordering)
  # shellcheck disable=SC2046
  start_service payment-service payment-service.jar SERVER_PORT="$PAYMENT_PORT" \
    MANAGEMENT_SERVER_PORT="$PAYMENT_MANAGEMENT_PORT" $(backend_environment payment)
  start_service gateway gateway.jar \
    SERVER_PORT="$GATEWAY_PORT" MANAGEMENT_SERVER_PORT="$GATEWAY_MANAGEMENT_PORT" \
    SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT" \
    FRUITFULPLANET_SECURITY_JWT_JWKSETURI="http://127.0.0.1:$AUTH_PORT/.well-known/jwks.json" \
    FRUITFULPLANET_GATEWAY_BACKENDS_AUTH_SERVICE_URI="http://127.0.0.1:$AUTH_PORT" \
    FRUITFULPLANET_GATEWAY_BACKENDS_AUTH_SERVICE_MANAGEMENT_URI="http://127.0.0.1:$AUTH_MANAGEMENT_PORT" \
    FRUITFULPLANET_GATEWAY_BACKENDS_CATALOG_SERVICE_URI="http://127.0.0.1:$CATALOG_PORT" \
    FRUITFULPLANET_GATEWAY_BACKENDS_CATALOG_SERVICE_MANAGEMENT_URI="http://127.0.0.1:$CATALOG_MANAGEMENT_PORT" \
    FRUITFULPLANET_GATEWAY_BACKENDS_ORDER_SERVICE_URI="http://127.0.0.1:$ORDER_PORT" \
    FRUITFULPLANET_GATEWAY_BACKENDS_ORDER_SERVICE_MANAGEMENT_URI="http://127.0.0.1:$ORDER_MANAGEMENT_PORT" \
    FRUITFULPLANET_GATEWAY_BACKENDS_PAYMENT_SERVICE_URI="http://127.0.0.1:$PAYMENT_PORT" \
    FRUITFULPLANET_GATEWAY_BACKENDS_PAYMENT_SERVICE_MANAGEMENT_URI="http://127.0.0.1:$PAYMENT_MANAGEMENT_PORT" \
    FRUITFULPLANET_GATEWAY_RATELIMIT_ENABLED=true \
    FRUITFULPLANET_GATEWAY_RATELIMIT_DEFAULTLIMIT_REQUESTS="$RATE_LIMIT_REQUESTS" \
    FRUITFULPLANET_GATEWAY_RATELIMIT_DEFAULTLIMIT_PERIOD=1s
  await_http auth-service "http://127.0.0.1:$AUTH_MANAGEMENT_PORT/actuator/health/readiness" "$auth_service_PID" 240
  await_http catalog-service "http://127.0.0.1:$CATALOG_MANAGEMENT_PORT/actuator/health/readiness" \
    "$catalog_service_PID" 240
  await_http order-service "http://127.0.0.1:$ORDER_MANAGEMENT_PORT/actuator/health/readiness" "$order_service_PID" 240
  await_http payment-service "http://127.0.0.1:$PAYMENT_MANAGEMENT_PORT/actuator/health/readiness" \
    "$payment_service_PID" 240
  # The gateway's own readiness (not the platform's, which would wait for the services not started here).
  await_http gateway "http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator/health/readiness" "$gateway_PID" 240
}

# CheckoutBench.java, bounded in time: bench <timeout seconds> <command> <args>...
bench() {
  local seconds=$1
  shift
  timeout "$seconds" "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx512m -cp "$WORK/classes:$INFRA_CLASSPATH" \
    CheckoutBench "$@"
}

set_up_shop() {
  local started=$SECONDS
  log "Setting up: $PRODUCTS products with $STOCK each, $USERS users (CheckoutBench setup)"
  bench 600 setup "http://127.0.0.1:$GATEWAY_PORT" "http://127.0.0.1:$AUTH_PORT" "$ADMIN_EMAIL" \
    "$ADMIN_PASSWORD" "$USERS" "$PRODUCTS" "$STOCK" "$WORK/shop" >"$LOGS/setup.log" 2>&1 ||
    fail "the setup failed; see $LOGS/setup.log"
  log "  $(tail -n 1 "$LOGS/setup.log") ($((SECONDS - started)) s)"
}

# Fresh tokens before each phase: they live 15 minutes.
log_in() {
  bench 300 tokens "http://127.0.0.1:$AUTH_PORT" "$WORK/shop" >>"$LOGS/tokens.log" 2>&1 ||
    fail "logging the users in failed; see $LOGS/tokens.log"
}

run_load() { # label rate seconds
  bench $(($3 + 120)) load "http://127.0.0.1:$GATEWAY_PORT" "$2" "$3" "$WORK/shop" "$1" "$RAW/$1.csv" \
    >"$RAW/$1-load.txt" 2>"$RAW/$1-load.err" || fail "the load of $1 failed; see $RAW/$1-load.err"
}

run_report() { # label
  bench $((DRAIN_SECONDS + 120)) report "$POSTGRES_PORT" "$DB_PASSWORD" "$RAW/$1.csv" "$DRAIN_SECONDS" \
    >"$RAW/$1-report.txt" 2>"$RAW/$1-report.err" || fail "the report of $1 failed; see $RAW/$1-report.err"
}

# Until the saga has nothing left to do (outboxes published, consumer groups caught up), so that one rate's backlog
# (captures, commits, the compensations of orders given up) does not slow the next.
drain() { # label
  bench $((DRAIN_SECONDS + 120)) drain "127.0.0.1:$KAFKA_PORT" "$POSTGRES_PORT" "$DB_PASSWORD" "$DRAIN_SECONDS" \
    >"$RAW/$1-drain.txt" 2>"$RAW/$1-drain.err" || fail "draining after $1 failed; see $RAW/$1-drain.err"
  log "  drained after $(value "$RAW/$1-drain.txt" drained= seconds) s: $(cat "$RAW/$1-drain.txt")"
}

# The value of key=value on the line of a file that starts with the prefix.
value() { # file line-prefix key
  awk -v prefix="$2" -v key="$3" 'index($0, prefix) == 1 {
    for (i = 1; i <= NF; i++) if (index($i, key "=") == 1) { print substr($i, length(key) + 2); exit } }' "$1"
}

# ---- where the CPU goes --------------------------------------------------------------------------------------------

# The components whose CPU the report shows (benchmarks/lib/stack.sh, cpu_snapshot), in the order of CPU_ROOTS.
readonly COMPONENTS=(gateway auth-service catalog-service order-service payment-service "Kafka (JVM)" Redis PostgreSQL)

# ---- main ----------------------------------------------------------------------------------------------------------

rm -rf "$WORK"
mkdir -p "$LOGS" "$RAW" "$(dirname "$REPORT")"
RUN_STARTED=$SECONDS
install_tools curl:curl
use_jdk
build_if_needed gateway auth-service catalog-service order-service payment-service platform-libs/devstack
require_free_ports "$GATEWAY_PORT" "$GATEWAY_MANAGEMENT_PORT" "$AUTH_PORT" "$AUTH_MANAGEMENT_PORT" "$CATALOG_PORT" \
  "$CATALOG_MANAGEMENT_PORT" "$ORDER_PORT" "$ORDER_MANAGEMENT_PORT" "$PAYMENT_PORT" "$PAYMENT_MANAGEMENT_PORT" \
  "$POSTGRES_PORT" "$REDIS_PORT" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
DB_PASSWORD=bench-$RANDOM$RANDOM$RANDOM
prepare_infrastructure "$HERE/CheckoutBench.java"
copy_jars gateway/target/gateway.jar auth-service/target/auth-service.jar catalog-service/target/catalog-service.jar \
  order-service/target/order-service.jar payment-service/target/payment-service.jar
# Before anything of ours runs: how busy the machine is, and (with BENCH_QUIET_WAIT) a wait until it is quiet.
await_quiet
STACK_STARTED=$SECONDS
start_infrastructure auth-service catalog-service order-service payment-service
start_services
set_up_shop
STACK_READY=$((SECONDS - STACK_STARTED))
CPU_ROOTS="$gateway_PID $auth_service_PID $catalog_service_PID $order_service_PID $payment_service_PID $INFRA_PID"
CPU_ROOTS+=" $REDIS_PID $POSTGRES_PID" # in the order of COMPONENTS
if [ "${BENCH_STACK_ONLY:-}" = 1 ]; then
  log "Stack only (BENCH_STACK_ONLY=1): gateway http://127.0.0.1:$GATEWAY_PORT, PostgreSQL :$POSTGRES_PORT" \
    "(roles auth, catalog, ordering, payment; password $DB_PASSWORD); users and tokens in $WORK/shop." \
    "Ctrl-C (or SIGTERM) stops it."
  while :; do sleep 1; done
fi

log "Warm-up: $WARMUP_RATE orders/s for $WARMUP_SECONDS s (not reported)"
log_in
run_load warmup "$WARMUP_RATE" "$WARMUP_SECONDS"
run_report warmup
log "  $(head -n 1 "$RAW/warmup-load.txt" | cut -c1-160)"
drain warmup
IDLE_SECONDS=${BENCH_IDLE_SECONDS:-30}
log "Idle: $IDLE_SECONDS s without orders (what the stack uses doing nothing)"
measured idle sleep "$IDLE_SECONDS"

for rate in "${RATES[@]}"; do
  label=rate-$rate
  log_in
  log "$rate orders/s for $SECONDS_PER_RATE s"
  measured "$label" run_load "$label" "$rate" "$SECONDS_PER_RATE"
  run_report "$label"
  log "  POST p50 $(value "$RAW/$label-load.txt" label= post_p50_ms) ms, p99 $(value "$RAW/$label-load.txt" label= post_p99_ms) ms," \
    "errors $(value "$RAW/$label-load.txt" label= errors); confirmed/s $(value "$RAW/$label-report.txt" orders= confirmed_per_s);" \
    "PENDING→CONFIRMED p50 $(value "$RAW/$label-report.txt" pending_to_confirmed p50_ms) ms," \
    "p99 $(value "$RAW/$label-report.txt" pending_to_confirmed p99_ms) ms (others, steal: ${OTHER[$label]})"
  drain "$label"
done

# ---- report --------------------------------------------------------------------------------------------------------

# CPU milliseconds per second of each component, and all together, while idle.
cpu_per_second() {
  awk -v ticks="${TICKS[idle]}" -v seconds="$IDLE_SECONDS" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    n = split(ticks, t, " ")
    for (i = 1; i <= n; i++) { ms = 1000 * t[i] / hz / seconds; all += ms; printf "%.0f | ", ms }
    printf "%.0f\n", all
  }'
}
# CPU milliseconds per placed order of each component, and all together, during one rate's load.
cpu_per_order() { # label
  awk -v ticks="${TICKS[$1]}" -v orders="$(value "$RAW/$1-load.txt" label= requests)" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {
      n = split(ticks, t, " ")
      for (i = 1; i <= n; i++) { ms = orders ? 1000 * t[i] / hz / orders : 0; all += ms; printf "%.1f | ", ms }
      printf "%.1f\n", all
    }'
}
hop() { # label part
  echo "$(value "$RAW/$1-report.txt" "$2 " p50_ms) / $(value "$RAW/$1-report.txt" "$2 " p99_ms)"
}
drained_after() { # label
  local file=$RAW/$1-drain.txt
  if [ "$(value "$file" drained= drained)" = true ]; then
    value "$file" drained= seconds
  else
    echo "not within $(value "$file" drained= seconds) ($(value "$file" drained= unpublished) unpublished, lag $(value "$file" drained= lag))"
  fi
}
part_title() {
  case $1 in
    order_insert_to_outbox) echo "order-service: the order's transaction" ;;
    relay_reserve_stock) echo "ReserveStock: relay (order-service)" ;;
    kafka_reserve_stock) echo "ReserveStock: Kafka → catalog-service" ;;
    catalog_handler) echo "catalog-service: reserve" ;;
    relay_stock_reserved) echo "StockReserved: relay (catalog-service)" ;;
    kafka_stock_reserved) echo "StockReserved: Kafka → order-service" ;;
    order_handler_reserved) echo "order-service: ask for payment" ;;
    relay_authorize_payment) echo "AuthorizePayment: relay (order-service)" ;;
    kafka_authorize_payment) echo "AuthorizePayment: Kafka → payment-service" ;;
    payment_handler) echo "payment-service: authorize" ;;
    provider_call) echo "(of which the sandbox call)" ;;
    relay_payment_authorized) echo "PaymentAuthorized: relay (payment-service)" ;;
    kafka_payment_authorized) echo "PaymentAuthorized: Kafka → order-service" ;;
    order_handler_confirm) echo "order-service: confirm" ;;
    sum_relays) echo "**all four relays**" ;;
    sum_kafka_and_consumers) echo "**all four Kafka → consumer**" ;;
    sum_handlers) echo "**all four handlers**" ;;
  esac
}

describe_machine
{
  echo "# Checkout benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`benchmarks/checkout/run.sh\`, on commit $COMMIT$DIRTY; finished in $((SECONDS - RUN_STARTED)) s."
  echo
  echo "Machine: $CPU_MODEL, $(nproc) cores, $MEMORY, kernel $(uname -r), JDK $JDK."
  echo
  echo "Setup, all on 127.0.0.1: the gateway, auth-service, catalog-service, order-service and payment-service, each"
  echo "its own JVM (${SERVICE_JVM_OPTIONS[*]}); PostgreSQL, Kafka and Redis embedded (platform-test) with throwaway"
  echo "data; the gateway's rate limit raised out of the way (every request still charged in Redis). $PRODUCTS products"
  echo "with $STOCK on hand each, $USERS users; every order one random product, quantity 1, card \`tok_visa\`"
  echo "(payment-service's sandbox provider), a unique Idempotency-Key. The stack was ready, set up, $STACK_READY s"
  echo "after it started; then $WARMUP_SECONDS s at $WARMUP_RATE orders/s of warm-up, not reported. After each rate the"
  echo "run waited until every order was CONFIRMED or CANCELLED and the saga had nothing left to do (every outbox row"
  echo "published, every consumer group caught up) before the next began."
  [ ${#EXTRA_ENVIRONMENT[@]} -eq 0 ] || echo "The services' extra environment: \`${EXTRA_ENVIRONMENT[*]}\`."
  echo
  echo "Open model: at each rate, order i is due at start + i / rate for $SECONDS_PER_RATE s, whatever the earlier"
  echo "answers; the POST latency counts from when the request was due. PENDING → CONFIRMED is the order's own"
  echo "history (\`order_status_history.at\` of PENDING and of CONFIRMED, order-service's clock), and all times"
  echo "below come from the services' own rows, never from client polling. Confirmed/s = CONFIRMED orders / (last"
  echo "CONFIRMED − first PENDING). Other processes used ${OTHER_BEFORE%% *} of the machine just before the start (steal ${OTHER_BEFORE#* })."
  echo
  echo "| orders/s (target) | POSTs | errors | POST p50 / p99 (ms) | confirmed/s | outcomes | PENDING → CONFIRMED p50 / p90 / p99 / max (ms) | drained after (s) | taken by others, steal |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for rate in "${RATES[@]}"; do
    l=rate-$rate load=$RAW/rate-$rate-load.txt rep=$RAW/rate-$rate-report.txt
    echo "| $rate | $(value "$load" label= requests) | $(value "$load" label= errors) $(value "$load" label= statuses)" \
      "| $(value "$load" label= post_p50_ms) / $(value "$load" label= post_p99_ms)" \
      "| $(value "$rep" orders= confirmed_per_s) | $(value "$rep" orders= outcomes)" \
      "| $(value "$rep" pending_to_confirmed p50_ms) / $(value "$rep" pending_to_confirmed p90_ms) /" \
      "$(value "$rep" pending_to_confirmed p99_ms) / $(value "$rep" pending_to_confirmed max_ms)" \
      "| $(drained_after "$l")" \
      "| ${OTHER[$l]} |"
  done
  echo
  echo "Where PENDING → CONFIRMED goes: p50 / p99 of each part (ms), in saga order; the parts of one order add up to"
  echo "its PENDING → CONFIRMED. Relay = the sender's outbox row written → published to Kafka; Kafka = published →"
  echo "the receiver's inbox row (its consumer polled the record and began its handler); handler = the inbox row →"
  echo "the handler's own outbox row (its transaction), last until CONFIRMED. The provider call is part of"
  echo "payment-service's handler."
  echo
  printf '| part |'
  printf ' %s orders/s |' "${RATES[@]}"
  printf '\n|---|'
  printf -- '---|%.0s' "${RATES[@]}"
  printf '\n'
  for part in order_insert_to_outbox relay_reserve_stock kafka_reserve_stock catalog_handler relay_stock_reserved \
    kafka_stock_reserved order_handler_reserved relay_authorize_payment kafka_authorize_payment payment_handler \
    provider_call relay_payment_authorized kafka_payment_authorized order_handler_confirm sum_relays \
    sum_kafka_and_consumers sum_handlers; do
    printf '| %s |' "$(part_title "$part")"
    for rate in "${RATES[@]}"; do printf ' %s |' "$(hop "rate-$rate" "$part")"; done
    printf '\n'
  done
  echo
  echo "CPU time per order during the load (ms; every thread of each process, JIT and GC included; the Kafka JVM also"
  echo "runs the embedded PostgreSQL's and Redis's launchers; PostgreSQL with its backends):"
  echo
  printf '| orders/s |'
  printf ' %s |' "${COMPONENTS[@]}"
  printf ' all |\n|---|'
  printf -- '---|%.0s' "${COMPONENTS[@]}"
  printf -- '---|\n'
  for rate in "${RATES[@]}"; do
    echo "| $rate | $(cpu_per_order "rate-$rate") |"
  done
  echo "| idle: ms per second | $(cpu_per_second) |"
  echo
  target_p99=$(value "$RAW/rate-$TARGET_RATE-report.txt" pending_to_confirmed p99_ms 2>/dev/null || true)
  if [ -n "$target_p99" ]; then
    echo "Target (issue 6): PENDING → CONFIRMED p99 ≤ $TARGET_P99_MS ms at $TARGET_RATE orders/s: $target_p99 ms," \
      "met: $(verdict "<=" "$TARGET_P99_MS" "$target_p99")."
  fi
  echo
  echo "Raw output (every request as CSV, the load and report lines): ${RAW#"$ROOT"/}; logs: ${LOGS#"$ROOT"/}."
} >"$REPORT"

log "Done in $((SECONDS - RUN_STARTED)) s; report: $REPORT"
cat "$REPORT"
