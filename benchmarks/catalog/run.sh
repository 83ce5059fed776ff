#!/usr/bin/env bash
# The catalog benchmark (docs/benchmarks.md, "Catalog"): product by id (cached and uncached) and a filtered listing
# over 100 000 products, straight to catalog-service and through the gateway, beside pgbench running the same SQL at
# the same concurrency and a constant-JSON WebFlux endpoint, side by side in one run.
#
#   benchmarks/catalog/run.sh          (from anywhere; about 10½ minutes; results in target/benchmarks/catalog.md)
#
# What it does:
#  1. installs wrk, curl and postgresql-client (psql, pgbench) from Debian if they are missing;
#  2. builds catalog-service, gateway and devstack with Maven if a jar is missing or older than its sources;
#  3. starts its own stack on 127.0.0.1, on ports of its own (BENCH_PORT_BASE, default 29000) so it never collides
#     with a devstack or the gateway benchmark: PostgreSQL, Kafka and Redis (the embedded servers of platform-test,
#     with throwaway data); two catalog-services, one with the Redis read cache (the default) and one without
#     (FRUITFULPLANET_CATALOG_CACHE_ENABLED=false: every read goes to PostgreSQL); two gateways, each routing the
#     catalog to one of them (rate limit raised so nothing is refused, every request still charged in Redis);
#  4. once catalog-service has migrated its schema, seeds 100 000 live ACTIVE products in SQL (seed.sql: six sectors,
#     24 brands, Russian and English names, spread prices and dates, stock for 9 in 10) and exports their ids;
#  5. writes the pgbench scripts from catalog-service's own SQL (PgbenchScripts.java: ProductRows.COLUMNS as
#     Products.byId reads them, ProductListing.statement for the listing) and checks what they find;
#  6. starts ConstantJson.java (a minimal WebFlux app answering GET /api/v1/products/{id} with the JSON of one real
#     product, fetched from catalog-service, with its content type): the floor for the cached reads;
#  7. warms every target up, then measures in interleaved rounds, each target at the same concurrency (wrk with
#     BENCH_CONNECTIONS connections, pgbench with as many clients), every answer checked to be 200:
#       constant JSON; by id cached, direct and through the gateway (a hot set of BENCH_HOT_IDS products); by id
#       uncached, direct and through the gateway (random over all products); pgbench by id (the same SQL, random
#       over all products); the listing uncached, direct and through the gateway; the listing cached, direct;
#       pgbench listing (the same SQL and values). The listing: one sector (20 % of the products), prices
#       500..1500, in stock, by price, 20 a page: a shopper's first page;
#  8. writes the machine, every round, CPU per request of each process, and the verdicts against the targets
#     (uncached by id ≥ 0.5 × pgbench; cached by id ≥ 0.7 × constant JSON) to target/benchmarks/catalog.md.
# Everything it starts is stopped by PID when it exits, however it exits. Shared parts: benchmarks/lib/.
#
# Settings (environment): BENCH_ROUNDS (3), BENCH_THROUGHPUT_SECONDS (10, per target and round),
# BENCH_GATEWAY_WARMUP_SECONDS (40, per target through a gateway: its JIT needs the load),
# BENCH_WARMUP_SECONDS (15, per direct target), BENCH_PGBENCH_WARMUP_SECONDS (5), BENCH_CONNECTIONS (16: wrk
# connections and pgbench clients), BENCH_THREADS (2: wrk threads and pgbench -j), BENCH_PRODUCTS (100000),
# BENCH_HOT_IDS (1000), BENCH_CONSTANT_KEEP_ALIVE (0: the constant-JSON app, like every service but the gateway,
# answers one request per connection, server.netty.max-keep-alive-requests=1; 1: it keeps connections alive),
# BENCH_PORT_BASE (29000), BENCH_SERVICE_JVM_OPTIONS ("-Xms512m -Xmx512m -XX:+UseG1GC"), BENCH_BUILD
# (auto | never | always), BENCH_QUIET_WAIT (0: seconds to wait, before starting, until other processes use at most
# BENCH_QUIET_THRESHOLD percent (10) of the machine; the share they used is reported either way), BENCH_STACK_ONLY
# (1: start and seed the stack, then wait for Ctrl-C).
set -euo pipefail

ROUNDS=${BENCH_ROUNDS:-3}
THROUGHPUT_SECONDS=${BENCH_THROUGHPUT_SECONDS:-10}
GATEWAY_WARMUP_SECONDS=${BENCH_GATEWAY_WARMUP_SECONDS:-40}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-15}
PGBENCH_WARMUP_SECONDS=${BENCH_PGBENCH_WARMUP_SECONDS:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
PRODUCTS=${BENCH_PRODUCTS:-100000}
HOT_IDS=${BENCH_HOT_IDS:-1000}
CONSTANT_KEEP_ALIVE=${BENCH_CONSTANT_KEEP_ALIVE:-0}
PORT_BASE=${BENCH_PORT_BASE:-29000}
read -r -a SERVICE_JVM_OPTIONS <<<"${BENCH_SERVICE_JVM_OPTIONS:--Xms512m -Xmx512m -XX:+UseG1GC}"
BUILD=${BENCH_BUILD:-auto}
QUIET_WAIT=${BENCH_QUIET_WAIT:-0}
QUIET_THRESHOLD=${BENCH_QUIET_THRESHOLD:-10}
# Requests per second per client and bucket: far above anything this machine reaches, so no request is refused,
# but every one still runs the rate-limit script in Redis.
RATE_LIMIT_REQUESTS=1000000
# The listing measured: sector 2 of seed.sql (20 % of the products), a price range, in stock, cheapest first.
LISTING_SECTOR=2 LISTING_MIN_PRICE=500 LISTING_MAX_PRICE=1500 LISTING_SORT=price LISTING_LIMIT=20

readonly GATEWAY_CACHED_PORT=$((PORT_BASE + 10)) GATEWAY_CACHED_MANAGEMENT_PORT=$((PORT_BASE + 11))
readonly GATEWAY_UNCACHED_PORT=$((PORT_BASE + 20)) GATEWAY_UNCACHED_MANAGEMENT_PORT=$((PORT_BASE + 21))
readonly CATALOG_CACHED_PORT=$((PORT_BASE + 30)) CATALOG_CACHED_MANAGEMENT_PORT=$((PORT_BASE + 31))
readonly CATALOG_UNCACHED_PORT=$((PORT_BASE + 40)) CATALOG_UNCACHED_MANAGEMENT_PORT=$((PORT_BASE + 41))
readonly CONSTANT_PORT=$((PORT_BASE + 50))
# Where the JWKS would be: nothing listens there. Nothing is signed in here (public GETs only), so no one asks.
readonly NO_JWKS_PORT=$((PORT_BASE + 60))
readonly POSTGRES_PORT=$((PORT_BASE + 432)) REDIS_PORT=$((PORT_BASE + 379))
readonly KAFKA_PORT=$((PORT_BASE + 92)) KAFKA_CONTROLLER_PORT=$((PORT_BASE + 93))

ROOT=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
readonly HERE=benchmarks/catalog
readonly WORK=$ROOT/target/benchmarks/catalog-run
readonly REPORT=$ROOT/target/benchmarks/catalog.md
readonly LOGS=$WORK/logs RAW=$WORK/raw SQL=$WORK/sql

# shellcheck source=../lib/stack.sh
source "$ROOT/benchmarks/lib/stack.sh"

# ---- the stack -----------------------------------------------------------------------------------------------------

# The seeded ids are md5('bench-<kind>-<n>')::uuid (seed.sql).
uuid_of() {
  local hash
  hash=$(printf '%s' "$1" | md5sum | cut -c1-32)
  echo "${hash:0:8}-${hash:8:4}-${hash:12:4}-${hash:16:4}-${hash:20:12}"
}

psql_catalog() {
  PGPASSWORD=$DB_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$POSTGRES_PORT" -U catalog \
    -d fruitfulplanet "$@"
}

# catalog-service's classes and libraries, for PgbenchScripts (its SQL) and ConstantJson (its Spring Boot).
prepare_catalog_classes() {
  mkdir -p "$WORK/catalog" "$WORK/catalog-classes"
  (cd "$WORK/catalog" && "$JAVA_HOME/bin/jar" xf "$WORK/jars/catalog-service.jar" BOOT-INF/classes BOOT-INF/lib)
  CATALOG_CLASSPATH="$WORK/catalog/BOOT-INF/classes:$WORK/catalog/BOOT-INF/lib/*"
  "$JAVA_HOME/bin/javac" -nowarn -parameters -d "$WORK/catalog-classes" -cp "$CATALOG_CLASSPATH" \
    "$HERE/PgbenchScripts.java" "$HERE/ConstantJson.java"
}

write_pgbench_scripts() {
  "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -cp "$WORK/catalog-classes:$CATALOG_CLASSPATH" PgbenchScripts \
    "$SQL" "$PRODUCTS" "sector=$(uuid_of "bench-sector-$LISTING_SECTOR")" "minPrice=$LISTING_MIN_PRICE" \
    "maxPrice=$LISTING_MAX_PRICE" inStock=true "sort=$LISTING_SORT" "limit=$LISTING_LIMIT" \
    >"$LOGS/pgbench-scripts.log" 2>&1 || fail "PgbenchScripts failed; see $LOGS/pgbench-scripts.log"
  LISTING_QUERY=$(cat "$SQL/listing.query")
  mapfile -t LISTING_DEFINES <"$SQL/listing.defines"
}

start_services() {
  local jwks=http://127.0.0.1:$NO_JWKS_PORT/.well-known/jwks.json instance cache port management gateway
  local gateway_port gateway_management
  log "Starting catalog-service with the cache :$CATALOG_CACHED_PORT and without :$CATALOG_UNCACHED_PORT," \
    "gateways in front of them :$GATEWAY_CACHED_PORT and :$GATEWAY_UNCACHED_PORT (JVM: ${SERVICE_JVM_OPTIONS[*]})"
  for instance in cached uncached; do
    if [ $instance = cached ]; then
      cache=true port=$CATALOG_CACHED_PORT management=$CATALOG_CACHED_MANAGEMENT_PORT
      gateway_port=$GATEWAY_CACHED_PORT gateway_management=$GATEWAY_CACHED_MANAGEMENT_PORT
    else
      cache=false port=$CATALOG_UNCACHED_PORT management=$CATALOG_UNCACHED_MANAGEMENT_PORT
      gateway_port=$GATEWAY_UNCACHED_PORT gateway_management=$GATEWAY_UNCACHED_MANAGEMENT_PORT
    fi
    start_service "catalog-$instance" catalog-service.jar \
      SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$management" \
      FRUITFULPLANET_DATABASE_HOST=127.0.0.1 FRUITFULPLANET_DATABASE_PORT="$POSTGRES_PORT" \
      FRUITFULPLANET_DATABASE_NAME=fruitfulplanet FRUITFULPLANET_DATABASE_USERNAME=catalog \
      FRUITFULPLANET_DATABASE_PASSWORD="$DB_PASSWORD" \
      SPRING_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
      SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT" \
      FRUITFULPLANET_SECURITY_JWT_JWKSETURI="$jwks" \
      FRUITFULPLANET_CATALOG_CACHE_ENABLED="$cache"
    start_service "gateway-$instance" gateway.jar \
      SERVER_PORT="$gateway_port" MANAGEMENT_SERVER_PORT="$gateway_management" \
      SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT" \
      FRUITFULPLANET_SECURITY_JWT_JWKSETURI="$jwks" \
      FRUITFULPLANET_GATEWAY_BACKENDS_CATALOG_SERVICE_URI="http://127.0.0.1:$port" \
      FRUITFULPLANET_GATEWAY_BACKENDS_CATALOG_SERVICE_MANAGEMENT_URI="http://127.0.0.1:$management" \
      FRUITFULPLANET_GATEWAY_RATELIMIT_ENABLED=true \
      FRUITFULPLANET_GATEWAY_RATELIMIT_DEFAULTLIMIT_REQUESTS="$RATE_LIMIT_REQUESTS" \
      FRUITFULPLANET_GATEWAY_RATELIMIT_DEFAULTLIMIT_PERIOD=1s
  done
}

# After catalog-service's migrations: the products, their ids for wrk, and a check of the pgbench statements.
seed() {
  local started=$SECONDS found
  log "Seeding $PRODUCTS products (seed.sql, as the catalog role)"
  psql_catalog -v products="$PRODUCTS" -f "$HERE/seed.sql" >"$LOGS/seed.log" 2>&1 ||
    fail "seeding failed; see $LOGS/seed.log"
  psql_catalog -c "\\copy (SELECT p.id FROM generate_series(1, $PRODUCTS) i JOIN product p ON p.id = md5('bench-product-' || i)::uuid ORDER BY i) TO '$WORK/ids.txt'" \
    >>"$LOGS/seed.log" 2>&1 || fail "exporting the ids failed; see $LOGS/seed.log"
  [ "$(wc -l <"$WORK/ids.txt")" -eq "$PRODUCTS" ] || fail "expected $PRODUCTS ids in $WORK/ids.txt"
  found=$(psql_catalog -At -f "$SQL/by-id-check.sql")
  [ "$found" = 1 ] || fail "the by-id statement found $found rows for product 1, not 1 ($SQL/by-id-check.sql)"
  found=$(psql_catalog -At -f "$SQL/listing-check.sql")
  [ "$found" = $((LISTING_LIMIT + 1)) ] ||
    fail "the listing statement found $found rows, not $((LISTING_LIMIT + 1)) ($SQL/listing-check.sql)"
  PG_VERSION=$(psql_catalog -At -c 'SHOW server_version')
  psql_catalog -At -c "EXPLAIN (ANALYZE, BUFFERS) $(sed 's/^SELECT count(\*) FROM (//; s/^) found;//' "$SQL/listing-check.sql")" \
    >"$RAW/listing-plan.txt" 2>&1 || true
  log "  seeded in $((SECONDS - started)) s; PostgreSQL $PG_VERSION"
}

start_constant_json() {
  local url=http://127.0.0.1:$CATALOG_UNCACHED_PORT/api/v1/products/$(uuid_of bench-product-2) type options=()
  curl -fsS --max-time 30 -D "$WORK/constant.headers" -o "$WORK/constant.json" "$url" ||
    fail "GET $url failed"
  type=$(sed -n 's/^[Cc]ontent-[Tt]ype: *//p' "$WORK/constant.headers" | tr -d '\r')
  [ -n "$type" ] || fail "no content type in $WORK/constant.headers"
  [ "$CONSTANT_KEEP_ALIVE" = 1 ] || options+=(--server.netty.max-keep-alive-requests=1)
  log "Starting the constant-JSON app :$CONSTANT_PORT ($(wc -c <"$WORK/constant.json") bytes of $type)"
  "$JAVA_HOME/bin/java" "${SERVICE_JVM_OPTIONS[@]}" --enable-native-access=ALL-UNNAMED -Dbench.run="$WORK" \
    -cp "$WORK/catalog-classes:$WORK/catalog/BOOT-INF/lib/*" ConstantJson "$WORK/constant.json" "$type" \
    --spring.application.name=constant-json --server.address=127.0.0.1 --server.port="$CONSTANT_PORT" \
    "${options[@]}" >"$LOGS/constant-json.log" 2>&1 &
  constant_json_PID=$!
  remember constant-json "$constant_json_PID" "-Dbench.run=$WORK"
  await_http constant-json "http://127.0.0.1:$CONSTANT_PORT/api/v1/products/$(uuid_of bench-product-1)" \
    "$constant_json_PID" 120
}

# ---- the targets ---------------------------------------------------------------------------------------------------

readonly TARGETS=(constant cached cached-gw uncached uncached-gw pgbench listing listing-gw listing-cached
  pgbench-listing)
declare -A TITLE=(
  [constant]="constant JSON (WebFlux floor)"
  [cached]="by id, cached, direct"
  [cached-gw]="by id, cached, via gateway"
  [uncached]="by id, uncached, direct"
  [uncached-gw]="by id, uncached, via gateway"
  [pgbench]="by id, pgbench (same SQL)"
  [listing]="listing, uncached, direct"
  [listing-gw]="listing, uncached, via gateway"
  [listing-cached]="listing, cached, direct"
  [pgbench-listing]="listing, pgbench (same SQL)"
)

url_of() { # target
  case $1 in
    constant) echo "http://127.0.0.1:$CONSTANT_PORT/api/v1/products/" ;;
    cached) echo "http://127.0.0.1:$CATALOG_CACHED_PORT/api/v1/products/" ;;
    cached-gw) echo "http://127.0.0.1:$GATEWAY_CACHED_PORT/api/v1/products/" ;;
    uncached) echo "http://127.0.0.1:$CATALOG_UNCACHED_PORT/api/v1/products/" ;;
    uncached-gw) echo "http://127.0.0.1:$GATEWAY_UNCACHED_PORT/api/v1/products/" ;;
    listing) echo "http://127.0.0.1:$CATALOG_UNCACHED_PORT/api/v1/products?$LISTING_QUERY" ;;
    listing-gw) echo "http://127.0.0.1:$GATEWAY_UNCACHED_PORT/api/v1/products?$LISTING_QUERY" ;;
    listing-cached) echo "http://127.0.0.1:$CATALOG_CACHED_PORT/api/v1/products?$LISTING_QUERY" ;;
  esac
}

# How many of the ids a by-id target picks from: the hot set for the cached paths (and the constant, so that its
# client sends the very same requests), all of them for the uncached ones.
ids_of() {
  case $1 in
    constant | cached | cached-gw) echo "$HOT_IDS" ;;
    *) echo "$PRODUCTS" ;;
  esac
}

warmup_of() {
  case $1 in
    *-gw) echo "$GATEWAY_WARMUP_SECONDS" ;;
    pgbench*) echo "$PGBENCH_WARMUP_SECONDS" ;;
    *) echo "$WARMUP_SECONDS" ;;
  esac
}

# Every HTTP target answers 200 with what it should, and the gateways carry the raised limit.
check_targets() {
  local target url id body port
  id=$(uuid_of bench-product-1)
  for target in "${TARGETS[@]}"; do
    [[ $target == pgbench* ]] && continue
    url=$(url_of "$target")
    [[ $target == listing* ]] || url+=$id
    body=$(curl -fsS --max-time 30 "$url") || fail "GET $url did not answer 200"
    case $target in
      constant) ;;
      listing*) grep -q '"nextCursor":"' <<<"$body" || fail "GET $url: not a full first page: ${body:0:300}" ;;
      *) grep -q "\"id\":\"$id\"" <<<"$body" || fail "GET $url: not product $id: ${body:0:300}" ;;
    esac
  done
  for port in "$GATEWAY_CACHED_PORT" "$GATEWAY_UNCACHED_PORT"; do
    curl -sS -D - -o /dev/null --max-time 10 "http://127.0.0.1:$port/api/v1/products/$id" |
      grep -qi "^X-RateLimit-Limit: $RATE_LIMIT_REQUESTS" ||
      fail "the gateway :$port does not report the raised rate limit (X-RateLimit-Limit: $RATE_LIMIT_REQUESTS)"
  done
}

run_wrk() { # target seconds output
  local script=fixed.lua args=()
  if [[ $1 != listing* ]]; then
    script=by-id.lua args=(-- "$WORK/ids.txt" "$(ids_of "$1")")
  fi
  timeout $(($2 + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --latency -s "$HERE/$script" "$(url_of "$1")" \
    "${args[@]}" >"$3" 2>&1 || fail "wrk failed: $3"
}

run_pgbench() { # target seconds output [log prefix]
  local script=by-id.sql defines=() logging=()
  if [ "$1" = pgbench-listing ]; then
    script=listing.sql defines=("${LISTING_DEFINES[@]}")
  fi
  [ -n "${4:-}" ] && logging=(-l "--log-prefix=$4")
  # pgbench exits non-zero when a client aborted; that is reported as a failed measurement, not a tool failure.
  PGPASSWORD=$DB_PASSWORD timeout $(($2 + 30)) pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$2" \
    -h 127.0.0.1 -p "$POSTGRES_PORT" -U catalog "${defines[@]}" "${logging[@]}" -f "$SQL/$script" fruitfulplanet \
    >"$3" 2>&1 || echo "pgbench exit status $?" >>"$3"
}

run_target() { # target seconds output [log prefix]
  if [[ $1 == pgbench* ]]; then run_pgbench "$@"; else run_wrk "$1" "$2" "$3"; fi
}

# A measurement's results, "<requests/s> <requests> <errors> <p50 ms> <p99 ms>", from its output.
wrk_ms() { # file percentile
  awk -v q="$2%" '$1 == q {
    v = $2
    if (v ~ /us$/) ms = v / 1000; else if (v ~ /ms$/) ms = v + 0; else if (v ~ /m$/) ms = v * 60000; else ms = v * 1000
    printf "%.2f", ms
  }' "$1"
}
wrk_result() { # output
  local errors
  errors=$(awk '/^non200=/ { sub("non200=", ""); bad += $0 }
                /Socket errors:/ { gsub(",", ""); bad += $4 + $6 + $8 + $10 }
                END { print bad + 0 }' "$1")
  grep -q '^non200=' "$1" || errors="no-count"
  local rps requests p50 p99
  rps=$(wrk_rps "$1") requests=$(awk '/ requests in / { print $1 }' "$1") p50=$(wrk_ms "$1" 50) p99=$(wrk_ms "$1" 99)
  echo "${rps:-0} ${requests:-0} $errors ${p50:-n/a} ${p99:-n/a}"
}
pgbench_result() { # output log-prefix
  local errors percentiles
  errors=$(awk '/^number of failed transactions:/ { bad += $5 }
                /^pgbench exit status/ || /aborted/ { bad += 1000000 }
                END { print bad + 0 }' "$1")
  # Per-transaction logs: the third field is the latency in microseconds.
  percentiles=$(cat "$2".* 2>/dev/null | awk '{ print $3 }' | sort -n | awk '
    function rank(p,  r) { r = int(NR * p); if (r < NR * p) r++; return r < 1 ? 1 : r }
    { v[NR] = $1 }
    END { if (NR == 0) print "n/a n/a"; else printf "%.2f %.2f\n", v[rank(0.5)] / 1000, v[rank(0.99)] / 1000 }')
  rm -f "$2".*
  local tps transactions
  tps=$(awk '/^tps = / { printf "%.0f", $3 }' "$1")
  transactions=$(awk '/^number of transactions actually processed:/ { split($6, n, "/"); print n[1] + 0 }' "$1")
  echo "${tps:-0} ${transactions:-0} $errors $percentiles"
}

# ---- what else each measurement records ----------------------------------------------------------------------------

# The components whose CPU the report shows, in the order of CPU_ROOTS.
readonly COMPONENTS=(catalog-cached catalog-uncached gateway-cached gateway-uncached constant-json redis postgres)

# The cached catalog-service's cache lookups so far: "<hit or stale> <miss> <error>" (CatalogCache's metrics).
cache_counts() {
  local metrics
  metrics=$(curl -fsS --max-time 5 "http://127.0.0.1:$1/actuator/prometheus" 2>/dev/null) || metrics=""
  awk '/^catalog_cache_requests_total/ {
         n = $NF + 0
         if ($0 ~ /result="(hit|stale)"/) hit += n; else if ($0 ~ /result="miss"/) miss += n
         else if ($0 ~ /result="error"/) error += n
       }
       END { printf "%d %d %d\n", hit, miss, error }' <<<"$metrics"
}

# For the gateway targets, the rate-limit decisions in Redis and locally (DECISIONS); for the cached ones, the
# cache's hits and misses (CACHE).
declare -A DECISIONS CACHE
gateway_management_of() {
  case $1 in
    cached-gw) echo "$GATEWAY_CACHED_MANAGEMENT_PORT" ;;
    *-gw) echo "$GATEWAY_UNCACHED_MANAGEMENT_PORT" ;;
  esac
}
measure_before() {
  local target=${1#*,}
  DECISIONS_BEFORE="" CACHE_BEFORE=""
  if [[ $target == *-gw ]]; then DECISIONS_BEFORE=$(rate_limit_decisions "$(gateway_management_of "$target")"); fi
  if [[ $target == cached* || $target == listing-cached ]]; then
    CACHE_BEFORE=$(cache_counts "$CATALOG_CACHED_MANAGEMENT_PORT")
  fi
}
measure_after() {
  local target=${1#*,}
  if [ -n "$DECISIONS_BEFORE" ]; then
    DECISIONS[$1]=$(rate_limit_decisions_since "$DECISIONS_BEFORE" "$(gateway_management_of "$target")")
  fi
  if [ -n "$CACHE_BEFORE" ]; then
    CACHE[$1]=$(awk -v b="$CACHE_BEFORE" -v a="$(cache_counts "$CATALOG_CACHED_MANAGEMENT_PORT")" 'BEGIN {
      split(b, x, " "); split(a, y, " "); printf "%d %d %d", y[1] - x[1], y[2] - x[2], y[3] - x[3] }')
  fi
}

# Each round starts further along the list, so that no target is always measured first (or last).
order_of_round() {
  local offset=$(((($1 - 1) * ${#TARGETS[@]} / ROUNDS) % ${#TARGETS[@]})) i
  for ((i = 0; i < ${#TARGETS[@]}; i++)); do
    printf '%s ' "${TARGETS[(offset + i) % ${#TARGETS[@]}]}"
  done
}

# ---- main ----------------------------------------------------------------------------------------------------------

rm -rf "$WORK"
mkdir -p "$LOGS" "$RAW" "$SQL" "$(dirname "$REPORT")"
RUN_STARTED=$SECONDS
install_tools wrk:wrk curl:curl psql:postgresql-client pgbench:postgresql-client
use_jdk
# The machine and the commit now: the jars are built from what is checked out now, whatever is committed later.
describe_machine
build_if_needed catalog-service gateway platform-libs/devstack
require_free_ports "$GATEWAY_CACHED_PORT" "$GATEWAY_CACHED_MANAGEMENT_PORT" "$GATEWAY_UNCACHED_PORT" \
  "$GATEWAY_UNCACHED_MANAGEMENT_PORT" "$CATALOG_CACHED_PORT" "$CATALOG_CACHED_MANAGEMENT_PORT" \
  "$CATALOG_UNCACHED_PORT" "$CATALOG_UNCACHED_MANAGEMENT_PORT" "$CONSTANT_PORT" "$NO_JWKS_PORT" \
  "$POSTGRES_PORT" "$REDIS_PORT" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
DB_PASSWORD=bench-$RANDOM$RANDOM$RANDOM
prepare_infrastructure
copy_jars catalog-service/target/catalog-service.jar gateway/target/gateway.jar
prepare_catalog_classes
write_pgbench_scripts
# Before anything of ours runs: how busy the machine is, and (with BENCH_QUIET_WAIT) a wait until it is quiet.
await_quiet
STACK_STARTED=$SECONDS
start_infrastructure catalog-service
start_services
await_http catalog-cached "http://127.0.0.1:$CATALOG_CACHED_MANAGEMENT_PORT/actuator/health/readiness" \
  "$catalog_cached_PID" 240
seed
await_http catalog-uncached "http://127.0.0.1:$CATALOG_UNCACHED_MANAGEMENT_PORT/actuator/health/readiness" \
  "$catalog_uncached_PID" 240
# The gateways' own readiness (not the platform's, which would wait for the services not started here).
await_http gateway-cached "http://127.0.0.1:$GATEWAY_CACHED_MANAGEMENT_PORT/actuator/health/readiness" \
  "$gateway_cached_PID" 240
await_http gateway-uncached "http://127.0.0.1:$GATEWAY_UNCACHED_MANAGEMENT_PORT/actuator/health/readiness" \
  "$gateway_uncached_PID" 240
start_constant_json
check_targets
STACK_READY=$((SECONDS - STACK_STARTED))
# In the order of COMPONENTS.
CPU_ROOTS="$catalog_cached_PID $catalog_uncached_PID $gateway_cached_PID $gateway_uncached_PID $constant_json_PID"
CPU_ROOTS+=" $REDIS_PID $POSTGRES_PID"
if [ "${BENCH_STACK_ONLY:-}" = 1 ]; then
  for target in "${TARGETS[@]}"; do
    [[ $target == pgbench* ]] || log "  $target: $(url_of "$target")"
  done
  log "Stack only (BENCH_STACK_ONLY=1): ids in $WORK/ids.txt, pgbench scripts in $SQL; PostgreSQL :$POSTGRES_PORT" \
    "(user catalog, password $DB_PASSWORD). Ctrl-C (or SIGTERM) stops it."
  while :; do sleep 1; done
fi

log "Warm-up: $GATEWAY_WARMUP_SECONDS s per target through a gateway, $WARMUP_SECONDS s per direct one," \
  "$PGBENCH_WARMUP_SECONDS s per pgbench one"
for target in "${TARGETS[@]}"; do
  run_target "$target" "$(warmup_of "$target")" "$RAW/warmup-$target.txt"
  log "  $target: $(if [[ $target == pgbench* ]]; then awk '/^tps = / { printf "%.0f/s", $3 }' "$RAW/warmup-$target.txt"
    else echo "$(wrk_rps "$RAW/warmup-$target.txt")/s"; fi)"
done

log "Measuring: $ROUNDS rounds of $THROUGHPUT_SECONDS s per target ($CONNECTIONS connections or clients," \
  "$THREADS threads)"
declare -A RPS REQUESTS ERRORS P50 P99
for ((round = 1; round <= ROUNDS; round++)); do
  for target in $(order_of_round "$round"); do
    out=$RAW/$round-$target.txt
    measured "$round,$target" run_target "$target" "$THROUGHPUT_SECONDS" "$out" "$WORK/tmp/pgbench-log"
    if [[ $target == pgbench* ]]; then
      read -r rps requests errors p50 p99 <<<"$(pgbench_result "$out" "$WORK/tmp/pgbench-log")"
    else
      read -r rps requests errors p50 p99 <<<"$(wrk_result "$out")"
    fi
    RPS[$round,$target]=${rps:-0} REQUESTS[$round,$target]=${requests:-0} ERRORS[$round,$target]=$errors
    P50[$round,$target]=$p50 P99[$round,$target]=$p99
    log "  round $round $target: $rps/s, p50 $p50 ms, p99 $p99 ms, errors $errors" \
      "(other processes, steal: ${OTHER[$round,$target]})"
  done
done

# ---- report --------------------------------------------------------------------------------------------------------

# True when every round of the target ran without an error.
clean() {
  local round
  for ((round = 1; round <= ROUNDS; round++)); do
    [ "${ERRORS[$round,$1]}" = 0 ] || return 1
  done
}
errors_of() {
  local round sum=0
  for ((round = 1; round <= ROUNDS; round++)); do
    if [ "${ERRORS[$round,$1]}" = no-count ]; then sum=$((sum + 1000000)); else sum=$((sum + ERRORS[$round,$1])); fi
  done
  if [ $sum -ge 1000000 ]; then echo "failed"; else echo "$sum"; fi
}
of_rounds() { # array target
  local -n values=$1
  local round
  for ((round = 1; round <= ROUNDS; round++)); do echo "${values[$round,$2]}"; done
}
median_of() { of_rounds "$1" "$2" | median; }
rps_of() { if clean "$1"; then median_of RPS "$1"; else echo "failed"; fi; }
# The median of the per-round ratios a / b, and the ratio of the medians; "failed" when either had errors.
ratios() { # a b
  if ! clean "$1" || ! clean "$2"; then
    echo "failed failed"
    return
  fi
  local round
  echo "$(for ((round = 1; round <= ROUNDS; round++)); do
    ratio "${RPS[$round,$1]}" "${RPS[$round,$2]}"
    echo
  done | median) $(ratio "$(median_of RPS "$1")" "$(median_of RPS "$2")")"
}
# "<others>+<steal>%" per round, in round order.
others_of() {
  local round shares=()
  for ((round = 1; round <= ROUNDS; round++)); do
    shares+=("$(awk -v s="${OTHER[$round,$1]}" 'BEGIN { split(s, x, " "); printf "%d%%", x[1] + x[2] }')")
  done
  local IFS=/
  echo "${shares[*]}" | sed 's#/# / #g'
}
# CPU milliseconds per request of each component, the client, and all together, over the rounds of a target.
cpu_per_request() { # target
  local round ticks="" requests=0 client=0
  for ((round = 1; round <= ROUNDS; round++)); do
    ticks+="${TICKS[$round,$1]}"$'\n'
    requests=$((requests + REQUESTS[$round,$1]))
    client=$(awk -v a="$client" -v b="${CLIENT[$round,$1]:-0}" 'BEGIN { print a + b }')
  done
  awk -v requests="$requests" -v hz="$(getconf CLK_TCK)" -v client="$client" '
    function show(ms) { if (ms < 0.005) printf "— | "; else printf "%.2f | ", ms }
    NF { for (i = 1; i <= NF; i++) sum[i] += $i; n = NF }
    END {
      for (i = 1; i <= n; i++) { ms = requests ? 1000 * sum[i] / hz / requests : 0; all += ms; show(ms) }
      ms = requests ? 1000 * client / requests : 0; all += ms; show(ms)
      printf "%.2f\n", all
    }' <<<"$ticks"
}
# The share of lookups the cache answered, and of rate-limit decisions made in Redis, over the rounds of a target.
cache_share() {
  local round hits=0 total=0 x
  for ((round = 1; round <= ROUNDS; round++)); do
    read -r -a x <<<"${CACHE[$round,$1]:-0 0 0}"
    hits=$((hits + x[0])) total=$((total + x[0] + x[1] + x[2]))
  done
  if [ $total -gt 0 ]; then awk -v h=$hits -v t=$total 'BEGIN { printf "%.1f%%", 100 * h / t }'; else echo "—"; fi
}
redis_share() {
  local round redis=0 total=0 x
  for ((round = 1; round <= ROUNDS; round++)); do
    read -r -a x <<<"${DECISIONS[$round,$1]:-0 0}"
    redis=$((redis + x[0])) total=$((total + x[0] + x[1]))
  done
  if [ $total -gt 0 ]; then awk -v r=$redis -v t=$total 'BEGIN { printf "%.0f%%", 100 * r / t }'; else echo "—"; fi
}
met() { # ratio threshold
  if [ "$1" = failed ]; then echo "**failed** (errors)"; else verdict ">=" "$2" "$1"; fi
}

all_others=$(for key in "${!OTHER[@]}"; do echo "${OTHER[$key]%%%*}"; done | mean)
all_steal=$(for key in "${!OTHER[@]}"; do steal=${OTHER[$key]#* }; echo "${steal%\%}"; done | mean)
any_failed=0
for target in "${TARGETS[@]}"; do clean "$target" || any_failed=1; done

{
  echo "# Catalog benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`benchmarks/catalog/run.sh\`, on commit $COMMIT$DIRTY; finished in $((SECONDS - RUN_STARTED)) s."
  echo
  echo "Machine: $CPU_MODEL, $(nproc) cores, $MEMORY, kernel $(uname -r), JDK $JDK, PostgreSQL $PG_VERSION"
  echo "(embedded), $(pgbench --version | sed 's/ (PostgreSQL)//'), wrk $(wrk -v 2>&1 | awk 'NR == 1 { print $2 }')."
  echo
  echo "Setup, all on 127.0.0.1, each server its own JVM (${SERVICE_JVM_OPTIONS[*]}):"
  echo "- two catalog-services, one with the Redis read cache and one with FRUITFULPLANET_CATALOG_CACHE_ENABLED=false;"
  echo "- a gateway in front of each, its rate limit raised to $RATE_LIMIT_REQUESTS requests/s (nothing refused, every"
  echo "  request charged);"
  echo "- the constant-JSON WebFlux app: $(wc -c <"$WORK/constant.json") bytes, the JSON of one product, $([ "$CONSTANT_KEEP_ALIVE" = 1 ] &&
    echo "keep-alive on" || echo "one request per connection as the services");"
  echo "- PostgreSQL, Kafka and Redis embedded (platform-test) with throwaway data: $PRODUCTS live ACTIVE products"
  echo "  (benchmarks/catalog/seed.sql)."
  echo
  echo "The stack was ready $STACK_READY s after it started."
  echo
  echo "Load:"
  echo "- wrk, closed loop, $THREADS threads, $CONNECTIONS connections; pgbench -M prepared, $CONNECTIONS clients, -j $THREADS;"
  echo "- $ROUNDS interleaved rounds of $THROUGHPUT_SECONDS s per target, after a warm-up of $GATEWAY_WARMUP_SECONDS s per target"
  echo "  through a gateway, $WARMUP_SECONDS s per direct one and $PGBENCH_WARMUP_SECONDS s per pgbench one;"
  echo "- by id cached (and the constant): a random one of $HOT_IDS products per request; uncached and pgbench: a"
  echo "  random one of all $PRODUCTS;"
  echo "- the listing: \`GET /api/v1/products?$LISTING_QUERY\`"
  echo "  (sector $LISTING_SECTOR holds 20 % of the products), and its SQL with the same values;"
  echo "- every answer is checked to be 200 (wrk's Lua response()), every pgbench transaction to succeed; a target"
  echo "  with any error is reported as failed, not as a rate."
  echo
  echo "Others on the machine: processes not started by this run used ${OTHER_BEFORE%% *} of all cores just before"
  echo "the start (the hypervisor's steal: ${OTHER_BEFORE#* }), and $all_others% on average while measuring (steal:"
  echo "$all_steal%). What they took together during each round of each target is in the table (\"taken by others\")."
  echo
  echo "## Results"
  echo
  echo "Requests (pgbench: transactions) per second and wrk's or pgbench's latency, median of the rounds."
  echo
  echo "| target | requests/s | rounds | p50 (ms) | p99 (ms) | errors | answered by the cache | rate limit decided in Redis | taken by others |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for target in "${TARGETS[@]}"; do
    echo "| ${TITLE[$target]} | **$(rps_of "$target")** | $(of_rounds RPS "$target" | paste -sd/ | sed 's#/# / #g')" \
      "| $(median_of P50 "$target") | $(median_of P99 "$target") | $(errors_of "$target")" \
      "| $(cache_share "$target") | $(redis_share "$target") | $(others_of "$target") |"
  done
  echo
  echo "## Against the targets"
  echo
  echo "Judged by the median of the per-round ratios (both measured in the same round), which one disturbed round"
  echo "does not move; the ratio of the medians is shown beside it."
  echo
  echo "| ratio | median of rounds | ratio of medians | target | met? |"
  echo "|---|---|---|---|---|"
  while read -r a b threshold title; do
    read -r m r <<<"$(ratios "$a" "$b")"
    if [ "$threshold" = - ]; then
      echo "| $title | $m | $r | — | — |"
    else
      echo "| $title | $m | $r | ≥ $threshold | $(met "$m" "$threshold") |"
    fi
  done <<'EOF'
uncached pgbench 0.5 **by id uncached, direct / pgbench by id**
cached constant 0.7 **by id cached, direct / constant JSON**
uncached-gw pgbench - by id uncached, via gateway / pgbench by id
cached-gw constant - by id cached, via gateway / constant JSON
listing pgbench-listing - listing uncached, direct / pgbench listing
listing-gw pgbench-listing - listing uncached, via gateway / pgbench listing
listing-cached constant - listing cached, direct / constant JSON
EOF
  echo
  echo "## CPU time per request"
  echo
  echo "Milliseconds of CPU per request (pgbench: per transaction) over all rounds of a target: every thread of each"
  echo "process (JIT and GC included), PostgreSQL with its backends, and the load generator (wrk or pgbench). A —"
  echo "means under 0.005 ms; an idle process still shows its background work (metrics, Kafka and Redis clients)."
  echo
  echo "| target | catalog (cached) | catalog (uncached) | gateway → cached | gateway → uncached | constant JSON | Redis | PostgreSQL | client | all |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for target in "${TARGETS[@]}"; do
    echo "| ${TITLE[$target]} | $(cpu_per_request "$target") |"
  done
  echo
  echo "The listing's plan (EXPLAIN ANALYZE of the same statement, after seeding):"
  echo
  echo '```'
  cat "$RAW/listing-plan.txt"
  echo '```'
  echo
  echo "Raw output of every wrk and pgbench run: ${RAW#"$ROOT"/}; logs: ${LOGS#"$ROOT"/}; the pgbench scripts:"
  echo "${SQL#"$ROOT"/}."
} >"$REPORT"

log "Done in $((SECONDS - RUN_STARTED)) s; report: $REPORT"
cat "$REPORT"
[ $any_failed = 0 ] || fail "some targets had errors; see the report"
