#!/usr/bin/env bash
# The benchmark driver of `make bench` (and, with --smoke, of `make test`). Usage:
#   tools/bench/run.sh            full run: release build, BENCH_SECONDS (10) per rate, writes docs/benchmarks.md
#   tools/bench/run.sh --smoke    each piece for a second or two on the debug build; no goal asserted,
#                                 exit 0 when the harness works, non-zero when a piece of it is broken
# Everything runs on 127.0.0.1 on free ports; every process started is stopped by its PID on exit.
set -euo pipefail
export PATH="$PATH:/usr/sbin"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODE=full
[[ "${1:-}" == "--smoke" ]] && MODE=smoke
if [[ $MODE == smoke ]]; then
  SECONDS_PER_RATE=${BENCH_SECONDS:-1}
  RATES=(20)
  SPAWN_RUNS=50
  ENGINE_CALLS=5
  ACD_DECISIONS=200
  BIN_DIR=${BENCH_BIN_DIR:-$ROOT/.build/debug}
else
  SECONDS_PER_RATE=${BENCH_SECONDS:-10}
  RATES=(${BENCH_RATES:-10 25 50 100 200 400 800})
  SPAWN_RUNS=2000
  ENGINE_CALLS=50
  ACD_DECISIONS=5000
  BIN_DIR=${BENCH_BIN_DIR:-$ROOT/.build/release}
fi
CALLGATE=$BIN_DIR/callgate
ACD=$BIN_DIR/callgate-bench-acd
for tool in "$CALLGATE" "$ACD"; do [[ -x $tool ]] || { echo "bench: $tool is missing (build it first)" >&2; exit 2; }; done
for tool in sipp kamailio gcc python3; do command -v $tool >/dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }; done

WORK=$(mktemp -d /tmp/callgate-bench.XXXXXX)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 0.3
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "bench: $*" >&2; }
fail() { echo "bench: FAILED: $*" >&2; exit 1; }

free_port() {  # a free UDP+TCP port on 127.0.0.1 (even), or the first of COUNT consecutive free ones
  python3 - "$@" <<'EOF'
import random, socket, sys
count = int(sys.argv[1]) if len(sys.argv) > 1 else 1
for _ in range(500):
    base = random.randrange(20000, 60000 - count, 2)
    ok = True
    for p in range(base, base + count):
        for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
            s = socket.socket(socket.AF_INET, kind)
            try: s.bind(("127.0.0.1", p))
            except OSError: ok = False
            finally: s.close()
        if not ok: break
    if ok:
        print(base); break
else:
    sys.exit("no free port")
EOF
}

# The compiled scenario and the spawn baseline.
mkdir -p "$WORK/scenarios"
gcc -std=c99 -O2 -Wall -o "$WORK/scenarios/answer-hangup" "$ROOT/tools/bench/answer-hangup.c"
gcc -std=c99 -O2 -Wall -D_POSIX_C_SOURCE=200809L -o "$WORK/spawn" "$ROOT/tools/bench/spawn.c"

# SIPp stats: the last line of its -trace_stat file -> "successful failed retransmissions mean_ms".
sipp_stats() {
  python3 - "$1" <<'EOF'
import sys
lines = [l.rstrip("\n;").split(";") for l in open(sys.argv[1]) if l.strip()]
head, last = lines[0], lines[-1]
v = dict(zip(head, last))
def ms(t):
    parts = t.split(":")
    h, m, s, frac = int(parts[0]), int(parts[1]), int(parts[2]), parts[3]
    return (h * 3600 + m * 60 + s) * 1000 + int(frac) / (10 ** (len(frac) - 3))
print(v["SuccessfulCall(C)"], v["FailedCall(C)"], v["Retransmissions(C)"], "%.3f" % ms(v["ResponseTime1(C)"]))
EOF
}

# run_sipp NAME PORT RATE CALLS SCENARIO-ARGS... -> prints "successful failed retrans mean_ms"
run_sipp() {
  local name=$1 port=$2 rate=$3 calls=$4; shift 4
  local sipport; sipport=$(free_port)
  local dir="$WORK/sipp-$name-$rate"; mkdir -p "$dir"
  local limit=$((calls / rate + 15))
  (cd "$dir" && exec timeout -s KILL "$limit" sipp "$@" "127.0.0.1:$port" -i 127.0.0.1 -p "$sipport" -s 100 \
      -r "$rate" -m "$calls" -l $((rate * 4 + 10)) -timeout "$((limit - 2))" -timeout_error \
      -trace_stat -stf stats.csv -fd 1 -nostdin >sipp.out 2>&1) &
  local pid=$!; PIDS+=("$pid")
  wait "$pid" || true
  [[ -s "$dir/stats.csv" ]] || fail "SIPp ($name, $rate/s) wrote no statistics: $(tail -5 "$dir/sipp.out")"
  sipp_stats "$dir/stats.csv"
}

# search NAME PORT SCENARIO-ARGS... -> prints "best_rate mean_ms_at_best" (0 when no rate is clean)
search() {
  local name=$1 port=$2; shift 2
  local best=0 best_ms=- rate
  for rate in "${RATES[@]}"; do
    local calls=$((rate * SECONDS_PER_RATE))
    run_sipp "$name" "$port" "$rate" "$calls" "$@" >"$WORK/last-run"
    read -r ok failed retrans mean <"$WORK/last-run"
    log "$name at $rate/s for ${SECONDS_PER_RATE}s: $ok ok, $failed failed, $retrans retransmissions, mean response ${mean} ms"
    [[ "$ok" -gt 0 ]] || fail "$name: no call succeeded at $rate/s (see $WORK)"
    if [[ "$failed" == 0 && "$retrans" == 0 && "$ok" == "$calls" ]] && python3 -c "import sys; sys.exit(0 if $mean < 10 else 1)"; then
      best=$rate; best_ms=$mean
    else
      break
    fi
  done
  echo "$best $best_ms"
}

# 1. Kamailio peers.
start_kamailio() {  # CFG -> sets KAM_PORT, KAM_PID
  local cfg=$1 port; port=$(free_port)
  sed "s|BENCH_SCENARIO|$WORK/scenarios/answer-hangup|" "$ROOT/tools/bench/$cfg" >"$WORK/$cfg"
  kamailio -f "$WORK/$cfg" -c >/dev/null 2>&1 || fail "kamailio rejects $cfg: $(kamailio -f "$WORK/$cfg" -c 2>&1 | tail -3)"
  kamailio -f "$WORK/$cfg" -DD -E -l "udp:127.0.0.1:$port" -Y "$WORK" -w "$WORK" -m 64 -M 8 >"$WORK/$cfg.log" 2>&1 &
  KAM_PID=$!; PIDS+=("$KAM_PID"); KAM_PORT=$port
  sleep 0.5
  kill -0 "$KAM_PID" 2>/dev/null || fail "kamailio ($cfg) did not start: $(tail -5 "$WORK/$cfg.log")"
}
stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

start_kamailio kamailio-exec.cfg
search kamailio-exec "$KAM_PORT" -sn uac >"$WORK/kam-exec"
read -r KAM_EXEC_CPS KAM_EXEC_MS <"$WORK/kam-exec"
stop "$KAM_PID"
KAM_SL_CPS=-
if [[ $MODE == full ]]; then
  start_kamailio kamailio-stateless.cfg
  search kamailio-stateless "$KAM_PORT" -sn uac >"$WORK/kam-sl"
  read -r KAM_SL_CPS _ <"$WORK/kam-sl"
  stop "$KAM_PID"
fi

# 2. callgate serve with a route to the compiled scenario.
SIP_PORT=$(free_port); HTTP_PORT=$(free_port); RTP_BASE=$(free_port 1000)
mkdir -p "$WORK/var"
cat >"$WORK/callgate.yaml" <<EOF
sip:
  listen: 127.0.0.1:$SIP_PORT
  max_calls: 1000
rtp:
  address: 127.0.0.1
  port_min: $RTP_BASE
  port_max: $((RTP_BASE + 998))
http:
  listen: 127.0.0.1:$HTTP_PORT
  token: bench-token-0123456789abcdef
data_dir: $WORK/var
scenarios_dir: $WORK/scenarios
sounds_dir: $ROOT/sounds
limits:
  scenario_processes: 64
routes:
  - match: "*"
    scenario: answer-hangup
EOF
(cd "$WORK" && exec "$CALLGATE" serve --config "$WORK/callgate.yaml" --log-level notice >"$WORK/engine.log" 2>&1) &
CG_PID=$!; PIDS+=("$CG_PID")
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1 && break
  kill -0 "$CG_PID" 2>/dev/null || fail "callgate serve did not start: $(tail -5 "$WORK/engine.log")"
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$HTTP_PORT/health" >/dev/null || fail "callgate serve does not answer /health"

# 2a. Engine time per event: a few calls at 5/s; each call.start's event->reply time from the trail.
run_sipp engine-time "$SIP_PORT" 5 "$ENGINE_CALLS" -sf "$ROOT/tools/bench/uac-callee-hangup.xml" >"$WORK/engine-run"
read -r ok failed _ _ <"$WORK/engine-run"
[[ "$ok" == "$ENGINE_CALLS" ]] || fail "callgate: $failed of $ENGINE_CALLS calls failed at 5/s (see $WORK/engine.log)"
sleep 0.5
ENGINE_US=$(python3 - "$WORK/var/callgate.sqlite" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("""select min(case when kind='event' then at end), min(case when kind='reply' then at end)
                     from trail group by call_id""").fetchall()
gaps = [(r - e) * 1e6 for e, r in rows if e is not None and r is not None and r >= e]
if not gaps: sys.exit("no event/reply pairs in the trail")
print("%.1f" % (sum(gaps) / len(gaps)))
EOF
) || fail "no engine time from the trail"
SPAWN_US=$("$WORK/spawn" "$WORK/scenarios/answer-hangup" "$SPAWN_RUNS") || fail "spawn baseline failed"
log "engine event->reply ${ENGINE_US} µs (mean of $ENGINE_CALLS calls); bare spawn ${SPAWN_US} µs (mean of $SPAWN_RUNS)"

# 2b. Calls per second.
search callgate "$SIP_PORT" -sf "$ROOT/tools/bench/uac-callee-hangup.xml" >"$WORK/cg"
read -r CG_CPS CG_MS <"$WORK/cg"
stop "$CG_PID"

# 3. ACD decision p99.
ACD_OUT=$("$ACD" "$ACD_DECISIONS") || fail "callgate-bench-acd failed"
ACD_P99=$(sed -n 's/.*p99_us=\([0-9.]*\).*/\1/p' <<<"$ACD_OUT")
[[ -n "$ACD_P99" ]] || fail "no p99 in: $ACD_OUT"
log "ACD: $(tr '\n' ' ' <<<"$ACD_OUT")"

# The table.
ratio() { python3 -c "a,b='$1','$2'; print('-' if b in ('0','-','') or a in ('-','') else '%.2f' % (float(a)/float(b)))"; }
met() { python3 -c "import sys; print('yes' if $1 else 'no')"; }
CPS_RATIO=$(ratio "$CG_CPS" "$KAM_EXEC_CPS")
EV_RATIO=$(ratio "$ENGINE_US" "$SPAWN_US")
ACD_RATIO=$(python3 -c "print('%.3f' % ($ACD_P99/1000))")
TOP=${RATES[-1]}
CPS_NOTE=""; [[ "$KAM_EXEC_CPS" == "$TOP" ]] && CPS_NOTE=" (peer clean at the highest rate tried)"
TABLE=$(cat <<EOF
| measure | ours | peer/limit | ratio | goal | met |
|---|---|---|---|---|---|
| calls/s, compiled scenario spawned per call (highest clean rate of ${RATES[*]}) | $CG_CPS | Kamailio exec: $KAM_EXEC_CPS$CPS_NOTE | $CPS_RATIO | ≥ 2 × Kamailio-exec | $( [[ $CPS_RATIO == - ]] && echo no || met "$CPS_RATIO >= 2") |
| harness ceiling: Kamailio stateless 200, no exec | - | $KAM_SL_CPS calls/s | - | (reference) | - |
| engine time per scenario event (event→reply, µs) | $ENGINE_US | bare posix_spawn: $SPAWN_US | $EV_RATIO | ≤ 1.5 × bare spawn | $( [[ $EV_RATIO == - ]] && echo no || met "$EV_RATIO <= 1.5") |
| ACD decision p99, 10,000 callers, 1,000 agents (µs) | $ACD_P99 | limit 1000 | $ACD_RATIO | ≤ 1 ms | $(met "$ACD_P99 <= 1000") |
| overload goodput at 2× the clean rate | not measured yet | | | | SIPp at 2× the clean rate; goodput = successful calls/s |
| CPU per call, persistent scenario vs SIPp UAS | not measured yet | | | | /proc/PID/stat CPU ticks over a fixed call count, both sides |
| G.711 concurrent streams vs a C echo | not measured yet | | | | SIPp with RTP echo; the most calls with jitter under 20 ms |
| post-dial delay p99 | not measured yet | | | | SIPp response-time repartition (-trace_rtt) INVITE→200 |
| RSS per call | not measured yet | | | | VmRSS at N held calls minus idle, divided by N |
EOF
)
echo "$TABLE"

if [[ $MODE == full ]]; then
  cat >"$ROOT/docs/benchmarks.md" <<EOF
# Benchmarks

Produced by \`make bench\` (\`tools/bench/run.sh\`) on $(date -u '+%Y-%m-%d %H:%M UTC').

Machine: $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MB memory, kernel $(uname -r); other builds were running on it.

$TABLE

## Method

- **calls/s**: \`callgate serve\` (release) with one route to \`tools/bench/answer-hangup.c\`, a C program
  spawned per call that reads the event and replies answer + hangup. SIPp calls it with
  \`tools/bench/uac-callee-hangup.xml\` (INVITE, 200, ACK, then the engine's BYE) at \`-r R -m R×${SECONDS_PER_RATE}\`
  for R in ${RATES[*]}; the peer is Kamailio 5.6 (\`tools/bench/kamailio-exec.cfg\`: \`exec_avp\` of
  the same program per INVITE, then \`sl_send_reply 200\`) called with \`sipp -sn uac\`. A rate is clean when
  every call succeeds, SIPp counts no retransmission and the mean INVITE→200 time is under 10 ms; the
  search stops at the first rate that is not clean. Both peers run on the same 127.0.0.1 harness.
- **engine time per event**: ${ENGINE_CALLS} calls at 5/s; for each call, the time from the \`event\` row of
  the trail to its \`reply\` row (what the engine spends around the scenario run, spawn included), mean;
  against \`tools/bench/spawn.c\`: posix_spawn of the same binary with the event JSON on stdin and its
  reply read, ${SPAWN_RUNS} times, mean.
- **ACD p99**: \`Sources/callgate-bench-acd\` (release), the scale test's line: 10,000 callers waiting,
  1,000 agents talking; ${ACD_DECISIONS} decisions "an agent is free: offer the head of the line", each timed.

Commands:

\`\`\`sh
make bench                      # = swift build -c release --product callgate --product callgate-bench-acd; tools/bench/run.sh
BENCH_SECONDS=${SECONDS_PER_RATE} tools/bench/run.sh   # this run
tools/bench/run.sh --smoke      # part of make test: every piece for a second, no goal asserted
\`\`\`
EOF
  log "wrote docs/benchmarks.md"
fi
log "done ($MODE)"
