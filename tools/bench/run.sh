#!/usr/bin/env bash
# The benchmark driver of `make bench` (and, with --smoke, of `make test`). Usage:
#   tools/bench/run.sh            full run on the release build; rewrites the generated part of docs/benchmarks.md
#   tools/bench/run.sh --smoke    every benchmark for a second or two on the debug build; no goal is
#                                 asserted: exit 0 when the harness works, non-zero when a piece of it is broken
#   BENCH_ONLY="media soak" ...   only these steps (of: kamailio pdd cps persistent media transcode conference soak acd); the
#                                 table is printed and kept in the work folder, docs/benchmarks.md is left alone
# Each step runs in a subshell of its own: a step that fails is recorded (its rows say FAILED and why,
# the runs log too), its processes are stopped, and the next step runs. The table is written all the
# same; the exit status is 1 when any step failed, and the work folder is then kept and its path printed.
# Testing the failure path only: BENCH_FAIL_STEP="media acd" (steps, space- or comma-separated): media
# counts one call fewer than came up (the failure of issue 10), any other step fails as it starts.
# Everything runs on 127.0.0.1 on free ports; every process started is stopped by its PID on exit;
# every SIPp and rtp-load run is bounded in calls and in time.
set -euo pipefail
export PATH="$PATH:/usr/sbin"
# The harness's own helpers: Debian's interpreter when there is one (a pyenv shim costs ~90 ms a start).
PYTHON=$(command -v /usr/bin/python3 || command -v python3 || true)

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/tools/bench
STARTED=$(date +%s)
MODE=full
[[ "${1:-}" == "--smoke" ]] && MODE=smoke
if [[ $MODE == smoke ]]; then
  PROBE_SECONDS=1; HOLD_SECONDS=1; CONFIRM_RUNS=1; START_RATE=20; MAX_RATE=20; BISECT_STEPS=0
  SPAWN_RUNS=50; PDD_CALLS=10; PDD_PY_CALLS=5; CPU_CALLS=20
  MEDIA_GRID=(10); TRANSCODE_GRID=(10); MEDIA_SECONDS=1; ACD_DECISIONS=200; CONF_CALLS=${BENCH_CONF_CALLS:-12}
  SOAK_WARM=100; SOAK_CALLS=300; SOAK_RATE=100; SOAK_SETTLE=1; SOAK_SAMPLE=1
  BIN_DIR=${BENCH_BIN_DIR:-$ROOT/.build/debug}
else
  PROBE_SECONDS=${BENCH_PROBE_SECONDS:-2}; HOLD_SECONDS=${BENCH_SECONDS:-10}; CONFIRM_RUNS=3
  START_RATE=50; MAX_RATE=${BENCH_MAX_RATE:-25600}; BISECT_STEPS=3
  SPAWN_RUNS=2000; PDD_CALLS=300; PDD_PY_CALLS=150; CPU_CALLS=2000
  MEDIA_GRID=(${BENCH_MEDIA_GRID:-250 500 750 1000 1500 2000}); MEDIA_SECONDS=5; ACD_DECISIONS=5000
  # Conference: this many callers, in rooms of four, all speaking at once (and as many echo calls).
  CONF_CALLS=${BENCH_CONF_CALLS:-400}
  # Transcoding costs far more a stream than relaying: a finer grid, lower down.
  TRANSCODE_GRID=(${BENCH_TRANSCODE_GRID:-25 50 75 100 150 200 300 400 500})
  # Soak: RSS growth per call over SOAK_CALLS calls after SOAK_WARM warm-up calls; SOAK_SETTLE s of
  # quiet before each RSS reading lets Sofia's finished transactions (timers J/K, 32 s) go first.
  SOAK_WARM=${BENCH_SOAK_WARM:-9000}; SOAK_CALLS=${BENCH_SOAK_CALLS:-30000}; SOAK_RATE=${BENCH_SOAK_RATE:-150}
  SOAK_SETTLE=40; SOAK_SAMPLE=10
  BIN_DIR=${BENCH_BIN_DIR:-$ROOT/.build/release}
fi
CALLGATE=$BIN_DIR/callgate
ACD=$BIN_DIR/callgate-bench-acd
for tool in "$CALLGATE" "$ACD"; do [[ -x $tool ]] || { echo "bench: $tool is missing (build it first)" >&2; exit 2; }; done
for tool in sipp kamailio gcc python3 curl; do command -v $tool >/dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }; done
STEPS=(kamailio pdd cps persistent media transcode conference soak acd)
BENCH_ONLY=${BENCH_ONLY:-}; BENCH_FAIL_STEP=${BENCH_FAIL_STEP:-}
for step in ${BENCH_ONLY//,/ }; do
  [[ " ${STEPS[*]} " == *" $step "* ]] || { echo "bench: BENCH_ONLY: no step \"$step\" (steps: ${STEPS[*]})" >&2; exit 2; }
done

WORK=$(mktemp -d /tmp/callgate-bench.XXXXXX)
PIDS=()
stop_pids() {  # every process this shell started, by its PID
  local pid
  ((${#PIDS[@]})) || return 0
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 0.3
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
cleanup() {  # a failed or interrupted run keeps its work folder (SIPp's files, engine logs) for the post-mortem
  local status=$?
  stop_pids
  if [[ -n "${KEEP_WORK:-}" ]] || ((status != 0)); then
    echo "bench: work folder kept: $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
RUNS=$WORK/runs.log
log() { echo "bench: $*" >&2; }
run_log() { echo "- $*" >>"$RUNS"; log "$*"; }
# fail REASON: ends the step that is running (or, before the steps, the run); the first reason given
# in a step is the one its rows show.
fail() {
  echo "bench: FAILED: $*" >&2
  [[ -s "$WORK/step-failure" ]] || echo "$*" >"$WORK/step-failure"
  exit 1
}
stats() { "$PYTHON" "$BENCH/stats.py" "$@"; }
stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
py() { "$PYTHON" -c "$1"; }

# The C pieces: the compiled scenario, its persistent twin, the spawn baseline, the RTP echo and load.
mkdir -p "$WORK/scenarios"
CC=(gcc -std=c99 -O2 -Wall -Werror -D_POSIX_C_SOURCE=200809L)
"${CC[@]}" -o "$WORK/scenarios/answer-hangup" "$BENCH/answer-hangup.c"
"${CC[@]}" -o "$WORK/scenarios/answer-hangup-persistent" "$BENCH/answer-hangup-persistent.c"
"${CC[@]}" -o "$WORK/scenarios/reject" "$BENCH/reject.c"
"${CC[@]}" -o "$WORK/scenarios/prompt" "$BENCH/prompt.c"
"${CC[@]}" -o "$WORK/spawn" "$BENCH/spawn.c"
"${CC[@]}" -o "$WORK/rtp-echo" "$BENCH/rtp-echo.c"
"${CC[@]}" -pthread -o "$WORK/rtp-load" "$BENCH/rtp-load.c"
cp "$BENCH/echo.sh" "$BENCH/bridge-opus.sh" "$BENCH/conference.sh" "$WORK/scenarios/"
# The Python scenario twice: under Debian's /usr/bin/python3 (what a Debian user has), and under
# whatever `python3` is first on PATH (on these machines a pyenv shim: a bash script, ~80 ms a start).
{ echo '#!/usr/bin/python3'; tail -n +2 "$BENCH/answer-hangup.py"; } >"$WORK/scenarios/answer-hangup.py"
cp "$BENCH/answer-hangup.py" "$WORK/scenarios/answer-hangup-path.py"
chmod +x "$WORK/scenarios/answer-hangup.py" "$WORK/scenarios/answer-hangup-path.py"
PATH_PYTHON=$(command -v python3)

# run_sipp NAME TARGET RATE CALLS SIPP-ARGS...: one bounded SIPp run. Sets R_CREATED R_OK R_FAILED
# R_RETRANS R_MEAN (mean INVITE->200, ms) and LAST_SIPP_DIR (its stats.csv, and _rtt.csv with -trace_rtt).
run_sipp() {
  local name=$1 target=$2 rate=$3 calls=$4; shift 4
  local dir port; dir=$(mktemp -d "$WORK/sipp-$name-$rate.XXXX"); port=$(stats free-port)
  LAST_SIPP_DIR=$dir
  local limit=$((calls / rate + 20))
  (cd "$dir" && exec timeout -s KILL "$limit" sipp "$@" "$target" -i 127.0.0.1 -p "$port" \
      -r "$rate" -m "$calls" -l $((rate * 4 + 10)) -timeout "$((limit - 3))" -timeout_error \
      -trace_stat -stf stats.csv -fd 1 -nostdin >sipp.out 2>&1) &
  local pid=$!; PIDS+=("$pid")
  wait "$pid" || true
  [[ -s "$dir/stats.csv" ]] || fail "SIPp ($name, $rate/s) wrote no statistics: $(tail -5 "$dir/sipp.out")"
  read -r R_CREATED R_OK R_FAILED R_RETRANS R_MEAN < <(stats sipp "$dir/stats.csv")
}

# is_clean NAME TARGET RATE SECONDS SIPP-ARGS...: one run; clean = under 0.1 % failed calls, no
# retransmission, mean INVITE->200 under 10 ms, and (nearly) every call placed.
is_clean() {
  local name=$1 target=$2 rate=$3 seconds=$4; shift 4
  local calls=$((rate * seconds)) verdict=no
  run_sipp "$name" "$target" "$rate" "$calls" "$@"
  if py "import sys; sys.exit(0 if $R_OK >= $calls * 0.999 and $R_FAILED * 1000 < $calls and $R_RETRANS == 0 and $R_MEAN < 10 else 1)"; then
    verdict=clean
  fi
  run_log "$name at $rate/s for ${seconds}s: $R_OK of $calls ok, $R_FAILED failed, $R_RETRANS retransmissions, mean INVITE→200 ${R_MEAN} ms: $verdict"
  [[ $verdict == clean ]]
}

# clean_level NAME TARGET SIPP-ARGS... -> the highest clean rate: doubling probes of PROBE_SECONDS,
# BISECT_STEPS halvings between the last clean and the first unclean probe, then CONFIRM_RUNS runs of
# HOLD_SECONDS that must all be clean (the level is the lowest of them); on a failed confirmation the
# candidate drops by 10 %, at most eight times. Prints 0 when nothing is clean.
clean_level() {
  local name=$1 target=$2; shift 2
  local lo=0 hi=0 rate=$START_RATE step attempt run
  while ((rate <= MAX_RATE)); do
    if is_clean "$name" "$target" "$rate" "$PROBE_SECONDS" "$@"; then lo=$rate; rate=$((rate * 2)); else hi=$rate; break; fi
  done
  ((lo > 0)) || { echo 0; return; }
  if ((hi > 0)); then
    for ((step = 0; step < BISECT_STEPS; step++)); do
      rate=$(((lo + hi) / 2))
      if is_clean "$name" "$target" "$rate" "$PROBE_SECONDS" "$@"; then lo=$rate; else hi=$rate; fi
    done
  fi
  rate=$lo
  for attempt in 1 2 3 4 5 6 7 8; do
    local all=1
    for ((run = 0; run < CONFIRM_RUNS; run++)); do
      is_clean "$name" "$target" "$rate" "$HOLD_SECONDS" "$@" || { all=0; break; }
    done
    ((all)) && { echo "$rate"; return; }
    rate=$((rate * 9 / 10))
    ((rate > 0)) || break
  done
  echo 0
}

wait_bound() {  # PORT: until a peer listens on that UDP port (it can no longer be bound), at most 5 s
  for _ in $(seq 1 50); do
    py "import socket, sys; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
try: s.bind(('127.0.0.1', $1))
except OSError: sys.exit(0)
sys.exit(1)" && return 0
    sleep 0.1
  done
  return 1
}

wait_idle() {  # until the running engine has no call left (every record and trail is then stored), at most 15 s
  for _ in $(seq 1 150); do
    [[ $(curl -fsS "http://127.0.0.1:$CG_HTTP/health" 2>/dev/null | py "import json, sys; print(json.load(sys.stdin)['active_calls'])" 2>/dev/null) == 0 ]] && return 0
    sleep 0.1
  done
  fail "callgate still has calls up 15 s after the run (see $WORK/engine-*.log)"
}

# 1. Kamailio peers: exec (the same compiled program per INVITE) and stateless.
start_kamailio() {  # CFG -> sets KAM_PORT, KAM_PID
  local cfg=$1 port; port=$(stats free-port)
  sed "s|BENCH_SCENARIO|$WORK/scenarios/answer-hangup|" "$BENCH/$cfg" >"$WORK/$cfg"
  kamailio -f "$WORK/$cfg" -c >/dev/null 2>&1 || fail "kamailio rejects $cfg: $(kamailio -f "$WORK/$cfg" -c 2>&1 | tail -3)"
  kamailio -f "$WORK/$cfg" -DD -E -l "udp:127.0.0.1:$port" -Y "$WORK" -w "$WORK" -m 64 -M 8 >"$WORK/$cfg.log" 2>&1 &
  KAM_PID=$!; PIDS+=("$KAM_PID"); KAM_PORT=$port
  wait_bound "$port" && kill -0 "$KAM_PID" 2>/dev/null || fail "kamailio ($cfg) did not start: $(tail -5 "$WORK/$cfg.log")"
}
step_kamailio() {
  start_kamailio kamailio-exec.cfg
  KAM_EXEC_CPS=$(clean_level kamailio-exec "127.0.0.1:$KAM_PORT" -sn uac)
  stop "$KAM_PID"
  start_kamailio kamailio-stateless.cfg
  KAM_SL_CPS=$(clean_level kamailio-stateless "127.0.0.1:$KAM_PORT" -sn uac)
  stop "$KAM_PID"
}

# 2. callgate serve: "*" spawns the compiled scenario per event, "py" the Python one, "fast" is
# the persistent twin of "*" (two long-lived workers).
start_callgate() {  # NAME YAML-ROUTES EXTRA-YAML [RTP-BASE [RTP-PAIRS]] -> sets CG_PID, CG_SIP, CG_HTTP, CG_DATA
  local name=$1 routes=$2 extra=$3 rtp_base=${4:-} pairs=${5:-2000}; CG_SIP=$(stats free-port); CG_HTTP=$(stats free-port)
  [[ -n $rtp_base ]] || rtp_base=$(stats free-port $((2 * pairs)))
  CG_DATA=$WORK/var-$name; mkdir -p "$CG_DATA"
  cat >"$WORK/callgate-$name.yaml" <<EOF
sip:
  listen: 127.0.0.1:$CG_SIP
  max_calls: 20000
rtp:
  address: 127.0.0.1
  port_min: $rtp_base
  port_max: $((rtp_base + 2 * pairs - 2))
  timeout_seconds: 600
http:
  listen: 127.0.0.1:$CG_HTTP
  token: bench-token-0123456789abcdef
data_dir: $CG_DATA
scenarios_dir: $WORK/scenarios
sounds_dir: $ROOT/sounds
$extra
routes:
$routes
EOF
  (cd "$WORK" && exec "$CALLGATE" serve --config "$WORK/callgate-$name.yaml" --log-level notice >"$WORK/engine-$name.log" 2>&1) &
  CG_PID=$!; PIDS+=("$CG_PID")
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$CG_HTTP/health" >/dev/null 2>&1 && return
    kill -0 "$CG_PID" 2>/dev/null || fail "callgate serve ($name) did not start: $(tail -5 "$WORK/engine-$name.log")"
    sleep 0.1
  done
  fail "callgate serve ($name) does not answer /health"
}
start_calls_engine() {  # NAME: the engine of steps 2a-2c, one per step -> sets CG (its SIP address) besides start_callgate's
  start_callgate "$1" '  - match: "py"
    scenario: answer-hangup.py
  - match: "pypath"
    scenario: answer-hangup-path.py
  - match: "fast"
    scenario: answer-hangup-persistent
    persistent: true
    workers: 2
  - match: "*"
    scenario: answer-hangup' "limits:
  scenario_processes: 64"
  CG=127.0.0.1:$CG_SIP
}
CALLER=(-sf "$BENCH/uac-callee-hangup.xml")

# 2a. Engine time per event and post-dial delay, compiled: calls at 20/s; the trail's event->reply
# gap of each call.start, and SIPp's INVITE->200 per call. Python at 5/s: a python3 start costs
# 20-150 ms of CPU, twice per call (call.start, call.end); this measures delay, not throughput.
step_pdd() {
  start_calls_engine calls-pdd
  run_sipp pdd-compiled "$CG" 20 "$PDD_CALLS" "${CALLER[@]}" -trace_rtt -rtt_freq 1
  [[ "$R_OK" == "$PDD_CALLS" ]] || fail "callgate: only $R_OK of $PDD_CALLS calls succeeded at 20/s (see $WORK/engine-calls-pdd.log)"
  read -r PDD_C_P99 PDD_C_MAX _ < <(stats rtt-p99 "$LAST_SIPP_DIR"/*_rtt.csv)
  wait_idle
  ENGINE_US=$(stats trail "$CG_DATA/callgate.sqlite") || fail "no engine time from the trail"
  SPAWN_US=$("$WORK/spawn" "$WORK/scenarios/answer-hangup" "$SPAWN_RUNS") || fail "spawn baseline failed"
  PY_SPAWN_US=$("$WORK/spawn" "$WORK/scenarios/answer-hangup.py" "$PDD_PY_CALLS") || fail "spawn baseline (Python) failed"
  SPAWN_MS=$(py "print('%.1f' % ($SPAWN_US / 1000))"); PY_SPAWN_MS=$(py "print('%.1f' % ($PY_SPAWN_US / 1000))")
  run_log "engine event→reply ${ENGINE_US} µs (mean of $PDD_CALLS calls at 20/s); bare posix_spawn ${SPAWN_US} µs (mean of $SPAWN_RUNS)"
  run_log "post-dial delay, compiled scenario: p99 ${PDD_C_P99} ms, max ${PDD_C_MAX} ms ($PDD_CALLS calls at 20/s); a bare spawn of it: ${SPAWN_MS} ms"

  run_sipp pdd-python "$CG" 5 "$PDD_PY_CALLS" "${CALLER[@]}" -s py -trace_rtt -rtt_freq 1
  [[ "$R_OK" == "$PDD_PY_CALLS" ]] || fail "callgate: only $R_OK of $PDD_PY_CALLS Python calls succeeded at 5/s"
  read -r PDD_PY_P99 PDD_PY_MAX _ < <(stats rtt-p99 "$LAST_SIPP_DIR"/*_rtt.csv)
  run_log "post-dial delay, Python scenario (/usr/bin/python3): p99 ${PDD_PY_P99} ms, max ${PDD_PY_MAX} ms ($PDD_PY_CALLS calls at 5/s); a bare spawn of it: ${PY_SPAWN_MS} ms (mean of $PDD_PY_CALLS)"
  # The same scenario under the python3 first on PATH ($PATH_PYTHON), for comparison only.
  PATH_PY_CALLS=$(( PDD_PY_CALLS / 3 > 0 ? PDD_PY_CALLS / 3 : 1 ))
  PATH_PY_SPAWN_US=$("$WORK/spawn" "$WORK/scenarios/answer-hangup-path.py" "$PATH_PY_CALLS") || fail "spawn baseline (python3 on PATH) failed"
  PATH_PY_SPAWN_MS=$(py "print('%.1f' % ($PATH_PY_SPAWN_US / 1000))")
  run_sipp pdd-python-path "$CG" 5 "$PATH_PY_CALLS" "${CALLER[@]}" -s pypath -trace_rtt -rtt_freq 1
  [[ "$R_OK" == "$PATH_PY_CALLS" ]] || fail "callgate: only $R_OK of $PATH_PY_CALLS calls with python3 on PATH succeeded at 5/s"
  read -r PDD_PATH_PY_P99 _ _ < <(stats rtt-p99 "$LAST_SIPP_DIR"/*_rtt.csv)
  run_log "post-dial delay, Python scenario (python3 on PATH: $PATH_PYTHON): p99 ${PDD_PATH_PY_P99} ms ($PATH_PY_CALLS calls at 5/s); a bare spawn of it: ${PATH_PY_SPAWN_MS} ms"
  stop "$CG_PID"
}

# 2b. Calls per second with a spawn per call, then twice that load.
step_cps() {
  start_calls_engine calls-cps
  CG_CPS=$(clean_level callgate "$CG" "${CALLER[@]}")
  if [[ -n "${BENCH_PROFILE:-}" ]] && command -v perf >/dev/null && ((CG_CPS > 0)); then
    # BENCH_PROFILE=1 make bench: a perf profile of the engine at its clean level, for docs/profiles/.
    perf record -F 499 -g -p "$CG_PID" -o "$WORK/perf.data" -- sleep "$HOLD_SECONDS" >/dev/null 2>&1 &
    PERF_PID=$!
    run_sipp profile "$CG" "$CG_CPS" $((CG_CPS * HOLD_SECONDS)) "${CALLER[@]}"
    wait "$PERF_PID" || true
    perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' \
      | head -60 | awk '{$1=$1; print}' >"$ROOT/docs/profiles/spawn-per-call-perf-top.txt"
    run_log "perf profile of callgate at $CG_CPS calls/s: docs/profiles/spawn-per-call-perf-top.txt"
  fi
  OVER_RATE=$((CG_CPS > 0 ? CG_CPS * 2 : 2 * START_RATE))
  BEFORE=$(stats completed "$CG_DATA/callgate.sqlite")
  REFUSED_BEFORE=$(grep -c "503 for a new call" "$WORK/engine-calls-cps.log" || true)
  run_sipp overload "$CG" "$OVER_RATE" $((OVER_RATE * HOLD_SECONDS)) -sf "$BENCH/uac-overload.xml"
  wait_idle
  DONE=$(( $(stats completed "$CG_DATA/callgate.sqlite") - BEFORE ))
  REFUSED=$(( $(grep -c "503 for a new call" "$WORK/engine-calls-cps.log" || true) - REFUSED_BEFORE ))
  GOODPUT=$(py "print('%.0f' % ($DONE / $HOLD_SECONDS))")
  run_log "overload: $OVER_RATE/s for ${HOLD_SECONDS}s ($R_CREATED calls): $DONE completed ($GOODPUT/s), $REFUSED refused with 503, $R_FAILED failed in SIPp (timeouts, unexpected messages)"
  stop "$CG_PID"
}

# 2c. The persistent route: its clean level, then CPU per call at that rate against SIPp's UAS.
step_persistent() {
  start_calls_engine calls-persistent
  FAST_CPS=$(clean_level callgate-persistent "$CG" "${CALLER[@]}" -s fast)
  # At the route's clean level (both sides get the same calls at the same rate): below it, the
  # engine's threads wake for nearly every message and the CPU per call measures wake-ups, not work.
  CPU_RATE=$(( FAST_CPS > 0 ? FAST_CPS : 20 ))
  [[ $MODE == smoke ]] || CPU_CALLS=$((CPU_RATE * HOLD_SECONDS))
  cg_pids() { echo "$CG_PID $(pgrep -P "$CG_PID" | tr '\n' ' ')"; }
  T0=$(stats ticks $(cg_pids))
  run_sipp cpu-callgate "$CG" "$CPU_RATE" "$CPU_CALLS" "${CALLER[@]}" -s fast
  T1=$(stats ticks $(cg_pids)); ok=$R_OK
  CG_CPU_US=$(py "print('%.1f' % (($T1 - $T0) * 1e6 / $(getconf CLK_TCK) / max($ok, 1)))")
  stop "$CG_PID"

  UAS_PORT=$(stats free-port)
  (cd "$WORK" && exec sipp -sn uas -i 127.0.0.1 -p "$UAS_PORT" -nostdin >/dev/null 2>&1) &
  UAS_PID=$!; PIDS+=("$UAS_PID")
  wait_bound "$UAS_PORT" && kill -0 "$UAS_PID" 2>/dev/null || fail "SIPp UAS did not start"
  T0=$(stats ticks "$UAS_PID")
  run_sipp cpu-sipp-uas "127.0.0.1:$UAS_PORT" "$CPU_RATE" "$CPU_CALLS" -sn uac
  T1=$(stats ticks "$UAS_PID"); uas_ok=$R_OK
  UAS_CPU_US=$(py "print('%.1f' % (max($T1 - $T0, 1) * 1e6 / $(getconf CLK_TCK) / max($uas_ok, 1)))")
  stop "$UAS_PID"
  run_log "CPU per call at $CPU_RATE/s, $CPU_CALLS calls: callgate persistent route (engine + workers) ${CG_CPU_US} µs ($ok ok); SIPp UAS ${UAS_CPU_US} µs ($uas_ok ok)"
}

# 3. G.711 both ways: the bare C echo, then callgate's echo action, over the same rtp-load grid.
media_clean() {  # NAME STREAMS RTP-LOAD-ARGS... -> clean or not; logs the figures, sets LAST_MEDIA
  local name=$1 streams=$2; shift 2
  LAST_MEDIA=$(timeout -s KILL $((MEDIA_SECONDS + 20)) "$WORK/rtp-load" --streams "$streams" --seconds "$MEDIA_SECONDS" "$@" 2>"$WORK/rtp-load.err") \
    || fail "rtp-load ($name) failed: $(tail -3 "$WORK/rtp-load.err")"
  local loss p99 verdict=no
  loss=$(sed -n 's/.*loss_pct=\([0-9.]*\).*/\1/p' <<<"$LAST_MEDIA"); p99=$(sed -n 's/.*rtt_p99_ms=\([0-9.]*\).*/\1/p' <<<"$LAST_MEDIA")
  py "import sys; sys.exit(0 if $loss < 0.1 and $p99 < 10 else 1)" && verdict=clean
  run_log "$name: $LAST_MEDIA: $verdict"
  [[ $verdict == clean ]]
}
step_media() {
  MAX_STREAMS=${MEDIA_GRID[-1]}
  # One free block, in three parts that cannot overlap: rtp-echo's ports, rtp-load's, the media engine's
  # RTP pairs. The engine gets a quarter more pairs than calls: it skips a pair another program holds
  # (with exactly one pair a call, one taken port left the last call without media: issue 10). The
  # block is free when chosen but bound only as calls come up, so the SIP ports of the engine and of
  # SIPp are chosen outside it (stats.py free-port honours BENCH_RESERVED_PORTS).
  ENGINE_PAIRS=$((MAX_STREAMS + MAX_STREAMS / 4 + 16))
  ECHO_BASE=$(stats free-port "$((MAX_STREAMS * 4 + ENGINE_PAIRS * 2))"); LOAD_BASE=$((ECHO_BASE + MAX_STREAMS * 2))
  ENGINE_BASE=$((LOAD_BASE + MAX_STREAMS * 2))
  export BENCH_RESERVED_PORTS="$ECHO_BASE-$((ENGINE_BASE + ENGINE_PAIRS * 2 - 1))"
  "$WORK/rtp-echo" "$ECHO_BASE" "$MAX_STREAMS" >"$WORK/rtp-echo.out" 2>&1 &
  ECHO_PID=$!; PIDS+=("$ECHO_PID")
  for _ in $(seq 1 100); do grep -q ready "$WORK/rtp-echo.out" && break; sleep 0.1; done
  grep -q ready "$WORK/rtp-echo.out" || fail "rtp-echo did not start: $(cat "$WORK/rtp-echo.out")"
  ECHO_STREAMS=0
  for n in "${MEDIA_GRID[@]}"; do
    media_clean "C echo, $n streams" "$n" --local-base "$LOAD_BASE" --remote-base "$ECHO_BASE" || break
    ECHO_STREAMS=$n
  done
  stop "$ECHO_PID"

  # callgate: hold as many calls as the echo carried (the grid's first step at least), all on the echo
  # action; RSS idle (after a warm-up) and with every call up, then rtp-load over the same grid.
  HELD=$((ECHO_STREAMS > 0 ? ECHO_STREAMS : MEDIA_GRID[0]))
  start_callgate media '  - match: "warm"
    scenario: answer-hangup
  - match: "*"
    scenario: echo.sh' "" "$ENGINE_BASE" "$ENGINE_PAIRS"
  run_sipp warm-up "127.0.0.1:$CG_SIP" 50 100 "${CALLER[@]}" -s warm
  wait_idle
  RSS0=$(awk '/VmRSS/ {print $2}' "/proc/$CG_PID/status")
  { echo SEQUENTIAL; for ((i = 0; i < HELD; i++)); do echo $((LOAD_BASE + 2 * i)); done; } >"$WORK/media-ports.csv"
  SETUP_RATE=200
  HOLD_MS=$(( (HELD / SETUP_RATE + ${#MEDIA_GRID[@]} * (MEDIA_SECONDS + 3) + 20) * 1000 ))
  MEDIA_DIR=$WORK/sipp-media; mkdir -p "$MEDIA_DIR"
  (cd "$MEDIA_DIR" && exec timeout -s KILL $((HOLD_MS / 1000 + 60)) sipp -sf "$BENCH/uac-media.xml" "127.0.0.1:$CG_SIP" -i 127.0.0.1 \
      -p "$(stats free-port)" -inf "$WORK/media-ports.csv" -r "$SETUP_RATE" -m "$HELD" -l "$HELD" -d "$HOLD_MS" \
      -trace_logs -log_file "$MEDIA_DIR/ports.log" -trace_err -error_file "$MEDIA_DIR/errors.log" -nostdin >sipp.out 2>&1) &
  MEDIA_SIPP=$!; PIDS+=("$MEDIA_SIPP")
  for _ in $(seq 1 $((HELD / 20 + 300))); do
    up=$(grep -cE '^[0-9]+ [0-9]+$' "$MEDIA_DIR/ports.log" 2>/dev/null || true)
    ((${up:-0} >= HELD)) && break
    kill -0 "$MEDIA_SIPP" 2>/dev/null || break
    sleep 0.1
  done
  grep -E '^[0-9]+ [0-9]+$' "$MEDIA_DIR/ports.log" >"$WORK/media-targets" 2>/dev/null || true
  UP=$(wc -l <"$WORK/media-targets")
  fail_test media && UP=$((UP - 1))  # testing the failure path only (see the top)
  if ((UP < HELD)); then
    no_port=$(grep -c "no media port" "$WORK/engine-media.log" || true)
    refused=$(grep -c "503 for a new call" "$WORK/engine-media.log" || true)
    kill -0 "$CG_PID" 2>/dev/null || fail "only $UP of $HELD media calls came up: the engine is no longer running ($(grep -m1 -E 'Program crashed|Fatal error' "$WORK/engine-media.log" || echo 'it exited'); see $WORK/engine-media.log)"
    fail "only $UP of $HELD media calls came up; the engine logged $no_port without a media port, $refused refused in set-up (see $MEDIA_DIR/: sipp.out, and errors.log for SIPp's unexpected messages; $WORK/engine-media.log)"
  fi
  CG_STREAMS=0; RSS1=$RSS0
  for n in "${MEDIA_GRID[@]}"; do
    ((n <= HELD)) || break
    head -n "$n" "$WORK/media-targets" >"$WORK/media-targets-$n"
    (sleep $((MEDIA_SECONDS / 2 + 1)); awk '/VmRSS/ {print $2}' "/proc/$CG_PID/status" >"$WORK/rss-$n") &
    clean=0; media_clean "callgate echo, $n streams" "$n" --targets "$WORK/media-targets-$n" && clean=1
    wait $! 2>/dev/null || true
    RSS1=$(cat "$WORK/rss-$n" 2>/dev/null || echo "$RSS1")
    ((clean)) || break
    CG_STREAMS=$n
  done
  RSS_PER_CALL=$(py "print('%.1f' % (max($RSS1 - $RSS0, 0) / $HELD))")
  run_log "RSS: ${RSS0} kB idle after a warm-up, ${RSS1} kB with $HELD calls up and media flowing: ${RSS_PER_CALL} kB per call"
  stop "$MEDIA_SIPP"
  stop "$CG_PID"
}

# 3b. G.711 <-> Opus: each call a bridge of a G.711 caller (rtp-load, through SIPp) and an Opus
# callee (a trunk: SIPp answering with Opus only, its media on rtp-echo), so every packet is decoded
# and encoded twice each way in the engine; held clean over its own, finer grid (TRANSCODE_GRID).
step_transcode() {
  MAX_STREAMS=${TRANSCODE_GRID[-1]}
  # Two engine legs a call, and a quarter more pairs than that (see step_media).
  ENGINE_PAIRS=$((2 * MAX_STREAMS + MAX_STREAMS / 2 + 16))
  ECHO_BASE=$(stats free-port "$((MAX_STREAMS * 4 + ENGINE_PAIRS * 2))"); LOAD_BASE=$((ECHO_BASE + MAX_STREAMS * 2))
  ENGINE_BASE=$((LOAD_BASE + MAX_STREAMS * 2))
  export BENCH_RESERVED_PORTS="$ECHO_BASE-$((ENGINE_BASE + ENGINE_PAIRS * 2 - 1))"
  "$WORK/rtp-echo" "$ECHO_BASE" "$MAX_STREAMS" >"$WORK/rtp-echo-opus.out" 2>&1 &
  ECHO_PID=$!; PIDS+=("$ECHO_PID")
  for _ in $(seq 1 100); do grep -q ready "$WORK/rtp-echo-opus.out" && break; sleep 0.1; done
  grep -q ready "$WORK/rtp-echo-opus.out" || fail "rtp-echo did not start: $(cat "$WORK/rtp-echo-opus.out")"
  HELD_OPUS=$MAX_STREAMS
  { echo SEQUENTIAL; for ((i = 0; i < HELD_OPUS; i++)); do echo $((ECHO_BASE + 2 * i)); done; } >"$WORK/opus-echo-ports.csv"
  UAS_PORT=$(stats free-port)
  UAS_DIR=$WORK/sipp-opus-uas; mkdir -p "$UAS_DIR"
  (cd "$UAS_DIR" && exec timeout -s KILL 3600 sipp -sf "$BENCH/uas-opus.xml" -i 127.0.0.1 -p "$UAS_PORT" \
      -inf "$WORK/opus-echo-ports.csv" -nostdin -trace_err -error_file "$UAS_DIR/errors.log" >sipp.out 2>&1) &
  UAS_PID=$!; PIDS+=("$UAS_PID")
  wait_bound "$UAS_PORT" || fail "the Opus callee (SIPp) did not start: $(tail -3 "$UAS_DIR/sipp.out")"
  start_callgate transcode '  - match: "*"
    scenario: bridge-opus.sh' "trunks:
  - name: opus-callee
    address: 127.0.0.1:$UAS_PORT
    allow: [\"+*\"]
    codecs: [opus]" "$ENGINE_BASE" "$ENGINE_PAIRS"
  { echo SEQUENTIAL; for ((i = 0; i < HELD_OPUS; i++)); do echo $((LOAD_BASE + 2 * i)); done; } >"$WORK/opus-ports.csv"
  SETUP_RATE=100
  HOLD_MS=$(( (HELD_OPUS / SETUP_RATE + ${#TRANSCODE_GRID[@]} * (MEDIA_SECONDS + 3) + 20) * 1000 ))
  OPUS_DIR=$WORK/sipp-opus; mkdir -p "$OPUS_DIR"
  (cd "$OPUS_DIR" && exec timeout -s KILL $((HOLD_MS / 1000 + 60)) sipp -sf "$BENCH/uac-media.xml" "127.0.0.1:$CG_SIP" -i 127.0.0.1 \
      -p "$(stats free-port)" -inf "$WORK/opus-ports.csv" -r "$SETUP_RATE" -m "$HELD_OPUS" -l "$HELD_OPUS" -d "$HOLD_MS" \
      -trace_logs -log_file "$OPUS_DIR/ports.log" -trace_err -error_file "$OPUS_DIR/errors.log" -nostdin >sipp.out 2>&1) &
  OPUS_SIPP=$!; PIDS+=("$OPUS_SIPP")
  # Up: the caller's 200 (SIPp logs its ports) and the callee's leg answered (the bridge is made then).
  for _ in $(seq 1 $((HELD_OPUS / 10 + 300))); do
    up=$(grep -cE '^[0-9]+ [0-9]+$' "$OPUS_DIR/ports.log" 2>/dev/null || true)
    ((${up:-0} >= HELD_OPUS)) && break
    kill -0 "$OPUS_SIPP" 2>/dev/null || break
    sleep 0.1
  done
  grep -E '^[0-9]+ [0-9]+$' "$OPUS_DIR/ports.log" >"$WORK/opus-targets" 2>/dev/null || true
  UP=$(wc -l <"$WORK/opus-targets")
  ((UP >= HELD_OPUS)) || fail "only $UP of $HELD_OPUS bridged calls came up (see $OPUS_DIR/, $UAS_DIR/ and $WORK/engine-transcode.log)"
  sleep 1  # the callee legs answer a moment after the callers' 200s
  OPUS_STREAMS=0
  for n in "${TRANSCODE_GRID[@]}"; do
    head -n "$n" "$WORK/opus-targets" >"$WORK/opus-targets-$n"
    media_clean "callgate G.711↔Opus bridge, $n streams" "$n" --targets "$WORK/opus-targets-$n" --transcoded || break
    OPUS_STREAMS=$n
  done
  stop "$OPUS_SIPP"
  stop "$CG_PID"
  stop "$UAS_PID"
  stop "$ECHO_PID"
}

# 3c. Conference mixing: CONF_CALLS callers in rooms of four (conference.sh), each sending G.711
# (rtp-load) and getting the mix of the three others; the engine's CPU over MEDIA_SECONDS. Then the
# same number of calls on the echo action, measured the same way in the same run. Figures are
# callers per core: calls ÷ the share of one core the engine used while they talked.
step_conference() {
  local kind pairs=$((CONF_CALLS + CONF_CALLS / 4 + 16)) base load_base engine_base t0 t1 dir up
  base=$(stats free-port "$((CONF_CALLS * 2 + pairs * 2))"); load_base=$base; engine_base=$((base + CONF_CALLS * 2))
  export BENCH_RESERVED_PORTS="$base-$((engine_base + pairs * 2 - 1))"
  { echo SEQUENTIAL; for ((i = 0; i < CONF_CALLS; i++)); do echo $((load_base + 2 * i)); done; } >"$WORK/conf-ports.csv"
  for kind in conference echo; do
    start_callgate "conf-$kind" "  - match: \"*\"
    scenario: $kind.sh" "" "$engine_base" "$pairs"
    dir=$WORK/sipp-conf-$kind; mkdir -p "$dir"
    (cd "$dir" && exec timeout -s KILL $((CONF_CALLS / 100 + MEDIA_SECONDS + 120)) sipp -sf "$BENCH/uac-media.xml" "127.0.0.1:$CG_SIP" \
        -i 127.0.0.1 -p "$(stats free-port)" -inf "$WORK/conf-ports.csv" -r 100 -m "$CONF_CALLS" -l "$CONF_CALLS" \
        -d $(( (CONF_CALLS / 100 + MEDIA_SECONDS + 60) * 1000 )) -trace_logs -log_file "$dir/ports.log" -nostdin >sipp.out 2>&1) &
    local sipp_pid=$!; PIDS+=("$sipp_pid")
    for _ in $(seq 1 $((CONF_CALLS / 10 + 300))); do
      up=$(grep -cE '^[0-9]+ [0-9]+$' "$dir/ports.log" 2>/dev/null || true)
      ((${up:-0} >= CONF_CALLS)) && break
      kill -0 "$sipp_pid" 2>/dev/null || break
      sleep 0.1
    done
    grep -E '^[0-9]+ [0-9]+$' "$dir/ports.log" >"$WORK/conf-targets-$kind" 2>/dev/null || true
    up=$(wc -l <"$WORK/conf-targets-$kind")
    ((up >= CONF_CALLS)) || fail "only $up of $CONF_CALLS $kind calls came up (see $dir/ and $WORK/engine-conf-$kind.log)"
    sleep 1
    t0=$(stats ticks "$CG_PID")
    out=$(timeout -s KILL $((MEDIA_SECONDS + 20)) "$WORK/rtp-load" --streams "$CONF_CALLS" --seconds "$MEDIA_SECONDS" \
        --targets "$WORK/conf-targets-$kind" 2>"$WORK/rtp-load.err") || fail "rtp-load ($kind) failed: $(tail -3 "$WORK/rtp-load.err")"
    t1=$(stats ticks "$CG_PID")
    per_core=$(py "print('%.0f' % ($CONF_CALLS * $MEDIA_SECONDS * $(getconf CLK_TCK) / max($t1 - $t0, 1)))")
    if [[ $kind == conference ]]; then
      CONF_PER_CORE=$per_core
      # The mix carries no rtp-load tag: its packets count as foreign; received vs sent is what matters here.
      run_log "conference, $CONF_CALLS callers in rooms of 4, all speaking: $((t1 - t0)) ticks in ${MEDIA_SECONDS}s: $per_core callers mixed per core; rtp-load: $out"
    else
      CONF_ECHO_PER_CORE=$per_core
      run_log "echo, $CONF_CALLS calls (for the conference row): $((t1 - t0)) ticks in ${MEDIA_SECONDS}s: $per_core echo streams per core; rtp-load: $out"
    fi
    stop "$sipp_pid"
    stop "$CG_PID"
  done
}

# 4. Soak: the engine's RSS before and after SOAK_CALLS calls of three kinds (rejected at once with
# 486, answered and hung up, answered with a prompt), after a warm-up of the same mix; sampled every
# SOAK_SAMPLE s for the curve. A leak of a few hundred bytes a call shows as a straight line.
step_soak() {
  start_callgate soak '  - match: "rej"
    scenario: reject
  - match: "say"
    scenario: prompt
  - match: "*"
    scenario: answer-hangup' ""
  rss_of() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
  soak_mix() {  # NAME CALLS: a third of CALLS to each kind, the three callers at once (a steady mix), SOAK_RATE in all
    local name=$1 third=$(($2 / 3)) rate=$((SOAK_RATE / 3)) pids=()
    rm -f "$WORK"/soak-result-*
    (run_sipp "$name-answer" "127.0.0.1:$CG_SIP" "$rate" "$third" "${CALLER[@]}" -s answer
     echo "$R_OK $R_FAILED" >"$WORK/soak-result-answer") & pids+=($!)
    (run_sipp "$name-reject" "127.0.0.1:$CG_SIP" "$rate" "$third" -sf "$BENCH/uac-expect-486.xml" -s rej
     echo "$R_OK $R_FAILED" >"$WORK/soak-result-reject") & pids+=($!)
    (run_sipp "$name-prompt" "127.0.0.1:$CG_SIP" "$rate" "$third" "${CALLER[@]}" -s say
     echo "$R_OK $R_FAILED" >"$WORK/soak-result-prompt") & pids+=($!)
    local pid
    for pid in "${pids[@]}"; do wait "$pid" || fail "a SIPp caller of $name failed (see $WORK/sipp-$name-*)"; done
  }
  soak_mix soak-warm "$SOAK_WARM"
  wait_idle; sleep "$SOAK_SETTLE"
  SOAK_RSS0=$(rss_of "$CG_PID")
  echo "seconds,rss_kb" >"$WORK/soak-rss.csv"
  ( t=0; while kill -0 "$CG_PID" 2>/dev/null; do echo "$t,$(rss_of "$CG_PID")" >>"$WORK/soak-rss.csv"; sleep "$SOAK_SAMPLE"; t=$((t + SOAK_SAMPLE)); done ) &
  SOAK_SAMPLER=$!; PIDS+=("$SOAK_SAMPLER")
  SOAK_STARTED=$(date +%s)
  soak_mix soak "$SOAK_CALLS"
  SOAK_SECONDS=$(( $(date +%s) - SOAK_STARTED ))
  wait_idle; sleep "$SOAK_SETTLE"
  SOAK_RSS1=$(rss_of "$CG_PID")
  SOAK_LIVE=$(curl -fsS "http://127.0.0.1:$CG_HTTP/health" | py "import json, sys; print(json.load(sys.stdin)['live'])")
  stop "$SOAK_SAMPLER"
  SOAK_PER_CALL=$(py "print('%.3f' % ((max($SOAK_RSS1 - $SOAK_RSS0, 0)) / $SOAK_CALLS))")
  SOAK_OK=$(cat "$WORK"/soak-result-* | awk '{ok += $1; failed += $2} END {print ok " of " ok + failed " ok"}')
  # The slope of the second half of the calls, in kB per call: a leak is a line, a high-water mark is not.
  SOAK_SLOPE=$(py "
import csv
rows = [(float(r['seconds']), float(r['rss_kb'])) for r in csv.DictReader(open('$WORK/soak-rss.csv'))]
half = [(x, y) for x, y in rows if $SOAK_SECONDS / 2 <= x <= $SOAK_SECONDS]
n = len(half)
if n < 3: print('-')
else:
    mx = sum(x for x, _ in half) / n; my = sum(y for _, y in half) / n
    sxx = sum((x - mx) ** 2 for x, _ in half)
    print('%.3f' % ((sum((x - mx) * (y - my) for x, y in half) / sxx) / $SOAK_RATE if sxx else 0))")
  run_log "soak: ${SOAK_RSS0} kB after $SOAK_WARM warm-up calls, ${SOAK_RSS1} kB after $SOAK_CALLS more ($SOAK_OK; rejected, answered, and with a prompt, at once at $SOAK_RATE calls/s in all, for $SOAK_SECONDS s): ${SOAK_PER_CALL} kB per call; RSS slope over the second half of the calls ${SOAK_SLOPE} kB per call; live objects afterwards: $SOAK_LIVE"
  SOAK_CURVE=$(py "
import csv
rows = list(csv.DictReader(open('$WORK/soak-rss.csv')))
step = max(1, len(rows) // 12)
print(' · '.join('%s s: %s kB' % (r['seconds'], r['rss_kb']) for r in rows[::step]))")
  run_log "soak RSS curve (from the start of the measured calls): $SOAK_CURVE"
  stop "$CG_PID"
}

# 5. ACD decision p99.
step_acd() {
  ACD_OUT=$("$ACD" "$ACD_DECISIONS" 2>"$WORK/acd.err") || fail "callgate-bench-acd failed: $(tail -3 "$WORK/acd.err")"
  ACD_P99=$(sed -n 's/.*p99_us=\([0-9.]*\).*/\1/p' <<<"$ACD_OUT")
  [[ -n "$ACD_P99" ]] || fail "no p99 in: $ACD_OUT"
  run_log "ACD: $(tr '\n' ' ' <<<"$ACD_OUT")"
}

# Running the steps. Each step is a subshell: `fail` (or any command that fails) ends that step only;
# the processes it started are stopped by their PIDs; the figures it had measured come back to this
# shell through $WORK/results, the reason it failed through $WORK/step-failure.
RESULT_VARS="KAM_EXEC_CPS KAM_SL_CPS ENGINE_US SPAWN_US SPAWN_MS PY_SPAWN_MS PATH_PY_SPAWN_MS PDD_PATH_PY_P99 PATH_PYTHON PDD_C_P99 PDD_PY_P99 CG_CPS OVER_RATE
  REFUSED GOODPUT FAST_CPS CG_CPU_US UAS_CPU_US ECHO_STREAMS CG_STREAMS OPUS_STREAMS HELD RSS_PER_CALL SOAK_CALLS SOAK_WARM
  SOAK_PER_CALL ACD_P99 CONF_PER_CORE CONF_ECHO_PER_CORE CONF_CALLS"
for v in $RESULT_VARS; do [[ -n "${!v:-}" ]] || printf -v "$v" '%s' -; done
declare -A STEP_STATUS=()
FAILED_STEPS=()
step_exit() {  # the EXIT trap of a step's subshell
  local status=$? v
  for v in $RESULT_VARS; do printf '%s=%q\n' "$v" "${!v}"; done >"$WORK/results"
  stop_pids
  exit "$status"
}
step_error() {  # LINE COMMAND STATUS: the ERR trap of a step's subshell; a reason for a failure that gave none
  ((BASH_SUBSHELL == STEP_LEVEL)) || return 0
  [[ -s "$WORK/step-failure" ]] || echo "tools/bench/run.sh line $1: \`$2\` exited with status $3" >"$WORK/step-failure"
}
fail_test() { [[ " ${BENCH_FAIL_STEP//,/ } " == *" $1 "* ]]; }  # STEP: is a failure of it asked for?
run_step() {  # NAME
  local name=$1 status reason
  if [[ -n "${BENCH_ONLY:-}" && " ${BENCH_ONLY//,/ } " != *" $name "* ]]; then STEP_STATUS[$name]="not run (BENCH_ONLY)"; return; fi
  rm -f "$WORK/step-failure" "$WORK/results"
  log "step $name"
  set +e
  (
    set -eE; PIDS=(); STEP_LEVEL=$BASH_SUBSHELL
    trap step_exit EXIT
    trap 'step_error "$LINENO" "$BASH_COMMAND" "$?"' ERR
    trap 'exit 130' INT TERM
    if fail_test "$name" && [[ $name != media ]]; then fail "forced by BENCH_FAIL_STEP (a test of the failure path)"; fi
    "step_$name"
  )
  status=$?
  set -e
  ((status != 130)) || exit 130
  [[ -s "$WORK/results" ]] && source "$WORK/results"
  if ((status == 0)); then STEP_STATUS[$name]=ok; return; fi
  reason=$(tr '\n' ' ' <"$WORK/step-failure" 2>/dev/null | sed 's/ *$//' | cut -c1-400)
  [[ -n $reason ]] || reason="exited with status $status"
  STEP_STATUS[$name]="FAILED: $reason"; FAILED_STEPS+=("$name")
  run_log "step $name FAILED: $reason"
}
for step in "${STEPS[@]}"; do run_step "$step"; done

# The table: what, ours, the peer's or the limit's figure from this run, the ratio, the goal, met.
cell() {  # STEP TEXT: TEXT, or why the step gave no figure ("FAILED: ...", "not run ...")
  local status=${STEP_STATUS[$1]:-ok}
  if [[ $status == ok ]]; then echo "$2"; else echo "${status//|/\\|}"; fi
}
row() {  # OURS-STEP PEER-STEP MEASURE OURS PEER RATIO-EXPRESSION GOAL MET-EXPRESSION (python, over r = the ratio)
  local ratio met
  ratio=$(py "
try: print('%.2f' % eval('$6'))
except Exception: print('-')")
  met=$(py "
try:
    r = float('$ratio'); print('yes' if ($8) else 'no')
except Exception: print('-')")
  # A peer measured in the failed step itself keeps its figure; the reason is said once, under "ours".
  local peer=$5
  [[ $2 == "$1" ]] || peer=$(cell "$2" "$5")
  echo "| $3 | $(cell "$1" "$4") | $peer | $ratio | $7 | $met |"
}
ELAPSED=$(( $(date +%s) - STARTED ))
TABLE=$(cat <<EOF
| measure | ours | peer or limit (same run) | ratio | goal | met |
|---|---|---|---|---|---|
$(row cps kamailio "calls/s, compiled scenario spawned per call (clean level)" "$CG_CPS" "Kamailio + exec: $KAM_EXEC_CPS" "$CG_CPS / $KAM_EXEC_CPS" "≥ 2 × Kamailio exec" "r >= 2")
$(row pdd pdd "engine time per scenario event (µs, event→reply)" "$ENGINE_US" "bare posix_spawn: $SPAWN_US" "$ENGINE_US / $SPAWN_US" "≤ 1.5 × bare spawn" "r <= 1.5")
$(row cps cps "goodput at 2 × the clean level ($OVER_RATE/s offered; $REFUSED refused by 503)" "$GOODPUT/s" "clean level: $CG_CPS/s" "$GOODPUT / $CG_CPS" "≥ 0.9 × the clean level" "r >= 0.9")
$(row persistent persistent "CPU per call, persistent scenario (µs, engine + workers)" "$CG_CPU_US" "SIPp UAS: $UAS_CPU_US" "$CG_CPU_US / $UAS_CPU_US" "≤ 3 × SIPp UAS" "r <= 3")
$(row persistent kamailio "calls/s, persistent scenario (clean level)" "$FAST_CPS" "Kamailio stateless: $KAM_SL_CPS" "$FAST_CPS / $KAM_SL_CPS" "≥ 0.25 × Kamailio stateless" "r >= 0.25")
$(row media media "G.711 streams both ways, loss < 0.1 %, p99 RTT < 10 ms (echo action)" "$CG_STREAMS" "bare C echo: $ECHO_STREAMS" "$CG_STREAMS / $ECHO_STREAMS" "≥ 0.8 × the C echo" "r >= 0.8")
$(row transcode media "G.711 ↔ Opus transcoded bridges both ways, loss < 0.1 %, p99 RTT < 10 ms" "$OPUS_STREAMS" "echo action, G.711: $CG_STREAMS" "$OPUS_STREAMS / $CG_STREAMS" "≥ 0.25 × the echo action" "r >= 0.25")
$(row conference conference "conference callers mixed per core (rooms of 4, $CONF_CALLS callers, all speaking)" "$CONF_PER_CORE" "echo streams per core: $CONF_ECHO_PER_CORE" "$CONF_PER_CORE / $CONF_ECHO_PER_CORE" "≥ 0.25 × echo streams" "r >= 0.25")
$(row pdd pdd "post-dial delay p99, compiled scenario (ms)" "$PDD_C_P99" "limit 5 (a bare spawn of it: $SPAWN_MS)" "$PDD_C_P99 / 5" "≤ 5 ms" "r <= 1")
$(row pdd pdd "post-dial delay p99, Python scenario, Debian's /usr/bin/python3 (ms)" "$PDD_PY_P99" "limit 25 (a bare spawn of it: $PY_SPAWN_MS; with python3 on PATH, $PATH_PYTHON: p99 $PDD_PATH_PY_P99, bare spawn $PATH_PY_SPAWN_MS)" "$PDD_PY_P99 / 25" "≤ 25 ms" "r <= 1")
$(row acd acd "ACD decision p99, 10,000 callers, 1,000 agents (µs)" "$ACD_P99" "limit 1000" "$ACD_P99 / 1000" "≤ 1 ms" "r <= 1")
$(row media media "RSS per call with media (KB, $HELD calls up)" "$RSS_PER_CALL" "limit 64" "$RSS_PER_CALL / 64" "≤ 64 KB" "r <= 1")
$(row soak soak "RSS growth per ended call, soak of $SOAK_CALLS calls after $SOAK_WARM (KB)" "$SOAK_PER_CALL" "limit 0.1" "$SOAK_PER_CALL / 0.1" "< 0.1 KB" "r < 1")
EOF
)
echo "$TABLE"
log "done ($MODE) in ${ELAPSED}s"

OUTCOME="Every step ran to its end."
if ((${#FAILED_STEPS[@]})); then
  OUTCOME="**${#FAILED_STEPS[@]} step(s) FAILED: ${FAILED_STEPS[*]}.** Their rows say why; the run's work folder \`$WORK\` was kept."
fi
GENERATED=$WORK/generated.md
cat >"$GENERATED" <<EOF
<!-- bench:begin (written by tools/bench/run.sh; everything up to bench:end is replaced on each run) -->
Produced by \`make bench\` (\`tools/bench/run.sh\`) on $(date -u '+%Y-%m-%d %H:%M UTC'), in ${ELAPSED} s. $OUTCOME

Machine: $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)), $(free -m | awk '/^Mem:/ {print $2}') MB memory, kernel $(uname -r);
load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Peers: $(kamailio -v 2>/dev/null | head -1 | cut -d' ' -f2-3), $(sipp -v 2>/dev/null | grep -o 'SIPp v[0-9.]*' | head -1), gcc $(gcc -dumpversion).

$TABLE

Every run behind the table, in order:

$(cat "$RUNS" 2>/dev/null)

Commands: \`make bench\` (= \`swift build -c release --product callgate --product callgate-bench-acd\`, then
\`tools/bench/run.sh\`); this run: \`BENCH_SECONDS=$HOLD_SECONDS BENCH_PROBE_SECONDS=$PROBE_SECONDS BENCH_MAX_RATE=$MAX_RATE BENCH_MEDIA_GRID="${MEDIA_GRID[*]}" tools/bench/run.sh\`.
<!-- bench:end -->
EOF
# Only a full run of every step replaces the figures in docs/benchmarks.md (failed rows included);
# a smoke run or a BENCH_ONLY run leaves them, its table is in the work folder's generated.md.
if [[ $MODE == full && -z "${BENCH_ONLY:-}" ]]; then
  "$PYTHON" - "$ROOT/docs/benchmarks.md" "$GENERATED" <<'EOF'
import re, sys
doc_path, generated = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
doc = open(doc_path).read()
pattern = re.compile(r"<!-- bench:begin.*?<!-- bench:end -->", re.S)
doc = pattern.sub(lambda _: generated, doc) if pattern.search(doc) else "# Benchmarks\n\n" + generated + "\n"
open(doc_path, "w").write(doc)
EOF
  log "wrote docs/benchmarks.md"
else
  log "docs/benchmarks.md left as it is ($MODE${BENCH_ONLY:+, BENCH_ONLY=$BENCH_ONLY}): the table is above"
fi
if ((${#FAILED_STEPS[@]})); then
  for step in "${FAILED_STEPS[@]}"; do log "step $step ${STEP_STATUS[$step]}"; done
  exit 1
fi
