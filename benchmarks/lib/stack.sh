# shellcheck shell=bash
# What the benchmark scripts (benchmarks/*/run.sh) share: logging, tools from apt, the stale-jar build check, the
# processes a run starts and their cleanup by PID, port and readiness checks, the throwaway infrastructure
# (Infrastructure.java beside this file), the CPU accounting of other processes, and small helpers for wrk's output
# and for the report. Sourced, never run:
#
#   ROOT=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
#   source "$ROOT/benchmarks/lib/stack.sh"
#
# Sourcing installs the EXIT/INT/TERM traps that stop, by PID and in reverse order, everything recorded with
# `remember` (or started by start_infrastructure/start_service). The functions read these variables of the script:
#   WORK, LOGS                  the run's directory and its log directory (under target/)
#   BUILD                       auto | never | always (build_if_needed)
#   SERVICE_JVM_OPTIONS         array: the services' JVM options (start_service)
#   DB_PASSWORD                 the services' database password (start_infrastructure)
#   POSTGRES_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, REDIS_PORT   (start_infrastructure)
#   CPU_ROOTS                   space-separated PIDs whose process trees are accounted separately (cpu_snapshot)
#   QUIET_WAIT, QUIET_THRESHOLD seconds to wait for a quiet machine, and the share that counts as quiet (await_quiet)

# Log lines go to the script's stderr as it was when this file was sourced, even from inside a redirection.
exec {LOG_FD}>&2
log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&"$LOG_FD"; }
fail() {
  log "FAILED: $*"
  exit 1
}

# ---- tools ---------------------------------------------------------------------------------------------------------

# Installs from Debian whatever is missing: each argument is "<command>:<package>" (a command also counts as present
# in /usr/sbin, where nginx lives).
install_tools() {
  local wanted missing=() command package
  for wanted in "$@"; do
    command=${wanted%%:*} package=${wanted#*:}
    command -v "$command" >/dev/null || [ -x "/usr/sbin/$command" ] || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  log "Installing ${missing[*]} (apt-get; the package's own services are left as Debian sets them up, unused)"
  if ! "${sudo[@]}" apt-get install -y "${missing[@]}" >"$LOGS/apt.log" 2>&1; then
    "${sudo[@]}" apt-get update >>"$LOGS/apt.log" 2>&1
    "${sudo[@]}" apt-get install -y "${missing[@]}" >>"$LOGS/apt.log" 2>&1 || fail "apt-get install failed: $LOGS/apt.log"
  fi
}

# A JDK 21 or newer, as devstack picks it (JAVA_HOME if it is one, else the newest installed).
use_jdk() {
  JAVA_HOME=$("$ROOT/devstack" java-home)
  export JAVA_HOME
}

# ---- build ---------------------------------------------------------------------------------------------------------

# The libraries every service jar contains: a change there makes every jar stale.
readonly PLATFORM_LIBRARIES=(platform-libs/contracts platform-libs/platform-starter platform-libs/platform-events
  platform-libs/platform-test)

# True when the jar is missing or a pom or main source of the given modules is newer.
stale() {
  local jar=$1 module
  shift
  [ -f "$jar" ] || return 0
  for module in "$@"; do
    [ -n "$(find "$module/pom.xml" "$module/src/main" -newer "$jar" -print -quit 2>/dev/null)" ] && return 0
  done
  return 1
}

# Builds the modules (with what they depend on) when BUILD is always, or when it is auto and one of their jars is
# stale. Each module is a directory whose jar is target/<last path element>.jar.
build_if_needed() {
  [ "$BUILD" = never ] && return
  local needed=$BUILD module names=()
  for module in "$@"; do
    stale "$module/target/${module##*/}.jar" "$module" "${PLATFORM_LIBRARIES[@]}" && needed=always
    names+=("${module##*/}")
  done
  [ "$needed" = always ] || return 0
  local list
  list=$(IFS=,; echo "$*")
  # forceCreation: otherwise a module whose own classes did not change keeps its old jar, and Spring Boot does not
  # repackage a jar it already repackaged, so a service jar would keep stale copies of changed platform libraries.
  log "Building ${names[*]}: ./mvnw -B -q -Dmaven.test.skip -Dmaven.jar.forceCreation=true package" \
    "(log: $LOGS/build.log)"
  (cd "$ROOT" && ./mvnw -B -q -Dmaven.test.skip -Dmaven.jar.forceCreation=true package -pl "$list" -am) \
    >"$LOGS/build.log" 2>&1 || fail "the build failed; see $LOGS/build.log"
  for module in "$@"; do
    # Someone may be editing meanwhile; the run goes on with what was built.
    if stale "$module/target/${module##*/}.jar" "$module" "${PLATFORM_LIBRARIES[@]}"; then
      log "  note: $module/target/${module##*/}.jar is older than some of its sources (edited during the build?)"
    fi
  done
}

# ---- processes -----------------------------------------------------------------------------------------------------

# name pid what-its-command-line-contains; stopped in reverse order of starting.
STARTED=()

remember() { STARTED+=("$1 $2 $3"); }

# True when the PID still runs the process we started (not a reused PID) and is not a zombie.
ours() {
  local pid=$1 marker=$2 state command_line
  [ -r "/proc/$pid/cmdline" ] || return 1
  state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || echo Z)
  [ "$state" != Z ] || return 1
  command_line=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $command_line == *"$marker"* ]]
}

stop_pid() {
  local name=$1 pid=$2 marker=$3 signal=${4:-TERM} waited=0
  ours "$pid" "$marker" || return 0
  kill "-$signal" "$pid" 2>/dev/null || return 0
  while ours "$pid" "$marker" && [ $waited -lt 300 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if ours "$pid" "$marker"; then
    log "  $name (pid $pid) did not stop within 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

cleanup() {
  local status=$? i entry name pid marker
  trap - EXIT INT TERM
  if [ ${#STARTED[@]} -gt 0 ]; then
    log "Stopping what this run started (by PID)"
    for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
      entry=${STARTED[i]}
      read -r name pid marker <<<"$entry"
      case $name in
        postgres) stop_pid "$name" "$pid" "$marker" INT ;; # fast shutdown, if the infrastructure JVM left it
        *) stop_pid "$name" "$pid" "$marker" ;;
      esac
    done
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_free_ports() {
  local port taken=()
  for port in "$@"; do
    if ss -Hltn "sport = :$port" | grep -q .; then
      taken+=("$port")
    fi
  done
  [ ${#taken[@]} -eq 0 ] || fail "ports already in use on this machine: ${taken[*]} (set BENCH_PORT_BASE to move them)"
}

# Waits until the URL answers 200; fails early if the process died.
await_http() {
  local what=$1 url=$2 pid=$3 timeout=$4 started=$SECONDS
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || fail "$what exited before it was ready; see $LOGS"
    [ $((SECONDS - started)) -lt "$timeout" ] || fail "$what was not ready within $timeout s ($url); see $LOGS"
    sleep 0.5
  done
  log "  $what ready ($((SECONDS - started)) s)"
}

# ---- the stack -----------------------------------------------------------------------------------------------------

# Unpacks devstack.jar (whose class path holds the embedded servers) and compiles Infrastructure.java and the given
# Java sources into $WORK/classes; sets INFRA_CLASSPATH.
prepare_infrastructure() {
  mkdir -p "$WORK/devstack" "$WORK/classes" "$WORK/jars" "$WORK/tmp"
  (cd "$WORK/devstack" && "$JAVA_HOME/bin/jar" xf "$ROOT/platform-libs/devstack/target/devstack.jar")
  INFRA_CLASSPATH="$WORK/devstack/BOOT-INF/classes:$WORK/devstack/BOOT-INF/lib/*"
  "$JAVA_HOME/bin/javac" -nowarn -d "$WORK/classes" -cp "$INFRA_CLASSPATH" \
    "$ROOT/benchmarks/lib/Infrastructure.java" "$@"
}

# Copies of the jars: a build running meanwhile (another terminal) must not change the jars under the running JVMs.
copy_jars() {
  mkdir -p "$WORK/jars"
  cp "$@" "$WORK/jars/"
}

# PostgreSQL (with a role and schema for each service given, password DB_PASSWORD), Kafka with the platform's topics
# and Redis, on 127.0.0.1, with throwaway data; sets INFRA_PID, POSTGRES_PID and REDIS_PID.
start_infrastructure() {
  local line started=$SECONDS options=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m)
  # Kafka still frees buffers through sun.misc.Unsafe; JDK 23+ warns about it unless allowed (as in ./devstack).
  if [ "$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java.specification.version = //p')" -ge 23 ]; then
    options+=(--sun-misc-unsafe-memory-access=allow)
  fi
  log "Starting PostgreSQL :$POSTGRES_PORT, Kafka :$KAFKA_PORT and Redis :$REDIS_PORT (throwaway data)"
  BENCH_DB_PASSWORD=$DB_PASSWORD "$JAVA_HOME/bin/java" "${options[@]}" \
    -Djava.io.tmpdir="$WORK/tmp" -Dbench.run="$WORK" \
    -cp "$WORK/classes:$INFRA_CLASSPATH" Infrastructure \
    "$POSTGRES_PORT" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$REDIS_PORT" "$@" >"$LOGS/infrastructure.log" 2>&1 &
  INFRA_PID=$!
  remember infrastructure "$INFRA_PID" "-Dbench.run=$WORK"
  until line=$(grep -m1 '^READY ' "$LOGS/infrastructure.log" 2>/dev/null); do
    kill -0 "$INFRA_PID" 2>/dev/null || fail "the infrastructure did not start; see $LOGS/infrastructure.log"
    [ $((SECONDS - started)) -lt 180 ] || fail "the infrastructure was not ready within 180 s"
    sleep 0.5
  done
  # Postgres and Redis are processes of their own; the infrastructure JVM stops them, these are the fallback.
  # Remembered before the JVM, so they are stopped after it.
  POSTGRES_PID=$(sed -n 's/.*postgres-pid=\([0-9]*\).*/\1/p' <<<"$line")
  REDIS_PID=$(sed -n 's/.*redis-pid=\([0-9]*\).*/\1/p' <<<"$line")
  STARTED=("postgres $POSTGRES_PID $POSTGRES_PORT" "redis $REDIS_PID $REDIS_PORT" "${STARTED[@]}")
  log "  infrastructure ready ($((SECONDS - started)) s)"
}

# Starts $WORK/jars/<jar> as <name> with the environment given (NAME=value...), logs in $LOGS/<name>.log; sets
# <name>_PID (dashes as underscores).
start_service() {
  local name=$1 jar=$2
  shift 2
  env "$@" "$JAVA_HOME/bin/java" "${SERVICE_JVM_OPTIONS[@]}" --enable-native-access=ALL-UNNAMED \
    -Dbench.run="$WORK" -jar "$WORK/jars/$jar" >"$LOGS/$name.log" 2>&1 &
  local pid=$!
  remember "$name" "$pid" "-Dbench.run=$WORK"
  eval "${name//-/_}_PID=$pid"
}

# ---- where the CPU goes --------------------------------------------------------------------------------------------

# The machine is shared, so every measurement also records who used the CPU meanwhile. A snapshot is
# "<busy> <steal> <ours> <component>..." in clock ticks: busy is all CPU time used on the machine so far (/proc/stat,
# steal excluded), steal what the hypervisor took, ours the CPU time of this script's whole process tree (plus
# PostgreSQL's, whose postmaster pg_ctl detaches from it), and then that of each process tree in CPU_ROOTS (the
# script's components, e.g. gateway, services, nginx, Redis, PostgreSQL: its backends included).
# A tree's time includes its reaped children's, so it is consistent between two snapshots. Between two snapshots,
# busy - ours is what other processes took while we measured.
CPU_ROOTS=""
cpu_snapshot() {
  # A process may end between the glob and the read: cat then complains, which is no failure here.
  { head -n 1 /proc/stat; cat /proc/[0-9]*/stat 2>/dev/null || true; } |
    awk -v root=$$ -v postgres="${POSTGRES_PID:-0}" -v roots="$CPU_ROOTS" '
    NR == 1 { busy = $2 + $3 + $4 + $7 + $8; steal = $9; next }
    {
      pid = $1; rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")
      parent[pid] = f[2]; used[pid] = f[12] + f[13] + f[14] + f[15]
    }
    END {
      n = split(roots, r, " ")
      for (pid in used) {
        p = pid
        for (depth = 0; depth < 64 && p > 1; depth++) {
          if (p == root || p == postgres) ours += used[pid]
          for (i = 1; i <= n; i++) if (p == r[i]) tree[i] += used[pid]
          p = parent[p]
        }
      }
      printf "%d %d %d", busy, steal, ours
      for (i = 1; i <= n; i++) printf " %d", tree[i]
      printf "\n"
    }'
}

# "<others>% <steal>%": the share of the whole machine (all cores) that other processes and the hypervisor took
# between two snapshots.
other_cpu() { # before after seconds
  awk -v before="$1" -v after="$2" -v seconds="$3" -v cores="$(nproc)" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(before, b, " "); split(after, a, " ")
    capacity = seconds * hz * cores
    others = (a[1] - b[1]) - (a[3] - b[3]); if (others < 0) others = 0
    printf "%.0f%% %.0f%%", 100 * others / capacity, 100 * (a[2] - b[2]) / capacity
  }'
}

# The components' CPU ticks between two snapshots, in the order of CPU_ROOTS.
component_ticks() { # before after
  awk -v before="$1" -v after="$2" 'BEGIN {
    n = split(before, b, " "); split(after, a, " ")
    for (i = 4; i <= n; i++) printf "%s%d", (i > 4 ? " " : ""), a[i] - b[i]
    printf "\n"
  }'
}

# A gateway's rate-limit decisions so far, from its management port: "<in Redis> <locally>" (the local limiter
# decides while Redis is slow or down, see RateLimiter).
rate_limit_decisions() { # management-port
  local metrics
  metrics=$(curl -fsS --max-time 5 "http://127.0.0.1:$1/actuator/prometheus" 2>/dev/null) || metrics=""
  awk '/^gateway_rate_limit_requests_total/ { n = $NF + 0; if ($0 ~ /store="redis"/) redis += n; else local += n }
       END { printf "%d %d\n", redis, local }' <<<"$metrics"
}

# The decisions made since an earlier rate_limit_decisions: "<in Redis> <locally>".
rate_limit_decisions_since() { # before management-port
  awk -v b="$1" -v a="$(rate_limit_decisions "$2")" 'BEGIN {
    split(b, x, " "); split(a, y, " "); printf "%d %d", y[1] - x[1], y[2] - x[2] }'
}

# Runs a measurement command and records, for the key: OTHER (the share of other processes and of steal meanwhile),
# TICKS (the components' CPU ticks) and CLIENT (the CPU seconds, user + system, of the command itself and its
# children: the load generator). A script may define measure_before and measure_after (called with the key, before
# the first and after the last snapshot) to record more.
declare -A OTHER TICKS CLIENT
measured() { # key command...
  local key=$1 before started=$EPOCHREALTIME after TIMEFORMAT='%3U %3S' stderr
  shift
  if declare -F measure_before >/dev/null; then measure_before "$key"; fi
  before=$(cpu_snapshot)
  # The command's own stderr goes where the script's does; only the timing goes to the file.
  exec {stderr}>&2
  { time "$@" 2>&"$stderr"; } 2>"$WORK/tmp/measured-time"
  exec {stderr}>&-
  after=$(cpu_snapshot)
  OTHER[$key]=$(other_cpu "$before" "$after" "$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')")
  TICKS[$key]=$(component_ticks "$before" "$after")
  CLIENT[$key]=$(awk 'NF == 2 { printf "%.3f", $1 + $2 }' "$WORK/tmp/measured-time")
  if declare -F measure_after >/dev/null; then measure_after "$key"; fi
}

# Before anything of ours runs: how busy the machine is, and (with QUIET_WAIT) a wait until it is quiet; sets
# OTHER_BEFORE ("<others>% <steal>%").
await_quiet() {
  local started=$SECONDS before share
  while :; do
    before=$(cpu_snapshot)
    sleep 3
    share=$(other_cpu "$before" "$(cpu_snapshot)" 3)
    [ "${share%%%*}" -le "$QUIET_THRESHOLD" ] && break
    [ $((SECONDS - started)) -lt "$QUIET_WAIT" ] || break
    log "  other processes use ${share%% *} of the machine; waiting for them (up to $QUIET_WAIT s)"
    sleep 7
  done
  OTHER_BEFORE=$share
  log "  other processes, steal before the start: $OTHER_BEFORE"
}

# ---- wrk's output and the report -----------------------------------------------------------------------------------

# wrk's requests/s, and its count of non-2xx/3xx answers and socket errors, from its output file.
wrk_rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
wrk_bad() {
  awk '/Non-2xx or 3xx responses:/ { bad += $NF }
       /Socket errors:/ { gsub(",", ""); bad += $4 + $6 + $8 + $10 }
       END { print bad + 0 }' "$1"
}

# The value of key=value in a file's first line that has it.
field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" "$1" | head -n 1; }

mean() { awk '{ s += $1; n++ } END { if (n) printf "%.2f", s / n; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# yes or **no**: whether the value meets the target.
verdict() { # ">=" | "<=", threshold, value
  awk -v op="$1" -v t="$2" -v y="$3" 'BEGIN { print ((op == ">=") ? (y >= t) : (y <= t)) ? "yes" : "**no**" }'
}

# The machine and the code, for the report: sets CPU_MODEL, MEMORY, JDK, COMMIT and DIRTY.
describe_machine() {
  CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  MEMORY=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  JDK=$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 's/.*Runtime Environment[^(]*(build \([^)]*\)).*/\1/p' | head -n 1)
  COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  DIRTY=$([ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -n 1)" ] && echo " plus uncommitted changes" || true)
}
