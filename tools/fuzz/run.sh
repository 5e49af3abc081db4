#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer and fuzzes each for a while
# (docs/security.md#fuzzing). Every input in fuzz/regressions/<target>/ is replayed first.
#
#   tools/fuzz/run.sh [--seconds N] [--merge] [--no-build] [--keep] [TARGET...]
#
#   --seconds N   fuzzing time per target (default $FUZZ_SECONDS, else 300)
#   --merge       afterwards, add the inputs that found new coverage to fuzz/corpus/<target>/
#                 (minimised by libFuzzer's -merge); without it the repository is never written
#   --no-build    use the binaries already in .build-fuzz
#   --keep        keep the temporary folder (corpus copies, logs) after a clean run too
#
# The fuzzers work on a temporary copy of the corpus, so `make test` leaves the tree clean. Exit
# status 1 when any target crashed (a trap, an ASan report, a timeout, a leak or an out-of-memory),
# with the crashing input's path printed; copy it into fuzz/regressions/<target>/ once understood.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
ALL_TARGETS=(FuzzSIPMessage FuzzSDP FuzzRTP FuzzReply FuzzPersistentLines FuzzConfig FuzzHTTPBody)
SECONDS_PER_TARGET="${FUZZ_SECONDS:-300}"
MERGE=0
BUILD=1
KEEP=0
TARGETS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) SECONDS_PER_TARGET="$2"; shift 2 ;;
        --merge) MERGE=1; shift ;;
        --no-build) BUILD=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        Fuzz*) TARGETS+=("$1"); shift ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=("${ALL_TARGETS[@]}")

SWIFT="${SWIFT:-swift}"
SCRATCH="$ROOT/.build-fuzz"
BIN="$SCRATCH/debug"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/callgate-fuzz.XXXXXX")"
# Why three spellings: SwiftPM's --sanitize=fuzzer is what stops it aliasing `main` to the
# target's own entry point (libFuzzer brings main), and it instruments the C targets; but given
# twice (--sanitize=fuzzer --sanitize=address) only the last reaches swiftc, which leaves the Swift
# code without coverage. -Xswiftc carries both to swiftc; -Xcc adds ASan to the C targets.
BUILD_FLAGS=(--scratch-path "$SCRATCH" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address)

if [[ $BUILD -eq 1 ]]; then
    start=$(date +%s)
    for target in "${TARGETS[@]}"; do
        target_start=$(date +%s)
        if ! CALLGATE_FUZZ=1 "$SWIFT" build "${BUILD_FLAGS[@]}" --product "$target" >"$WORK/build-$target.log" 2>&1; then
            grep -v 'ld.gold: warning' "$WORK/build-$target.log" | tail -40 >&2
            echo "fuzz: building $target failed (log: $WORK/build-$target.log)" >&2
            exit 1
        fi
        echo "fuzz: built $target in $(( $(date +%s) - target_start )) s"
    done
    echo "fuzz: built ${#TARGETS[@]} targets in $(( $(date +%s) - start )) s"
fi

# Per-target input size limit: a UDP datagram may carry a long SIP message, a config file is long.
max_len() {
    case "$1" in
        FuzzSIPMessage|FuzzConfig) echo 16384 ;;
        FuzzRTP|FuzzPersistentLines) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

# -rss_limit_mb/-malloc_limit_mb: one input may not take more than this; a bigger allocation
# from a small input is a finding (memory exhaustion from the network).
# -use_value_profile: comparisons count as progress, which is how a mutation reaches a range
# check (a payload type past 127, an Expires past Int.max) that no branch of ours tells apart.
FUZZ_FLAGS=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 -print_final_stats=1)
RUN_FLAGS=(-use_value_profile=1)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
# A trap then prints libFuzzer's symbolised stack at once; Swift's own backtracer takes a minute
# under ASan and trips over it.
export SWIFT_BACKTRACE=enable=no

failed=()
printf '%-20s %7s %11s %8s %6s %7s %7s %s\n' target seconds runs exec/s cov ft corpus result
for target in "${TARGETS[@]}"; do
    binary="$BIN/$target"
    crashes="$WORK/crashes/$target"
    mkdir -p "$crashes" "$WORK/corpus/$target"
    log="$WORK/$target.log"

    # Known crashes stay fixed: each regression input is run once.
    regressions=(fuzz/regressions/"$target"/*)
    if [[ -e "${regressions[0]}" ]]; then
        if ! "$binary" "${FUZZ_FLAGS[@]}" -artifact_prefix="$crashes/" "${regressions[@]}" >"$WORK/$target-regressions.log" 2>&1; then
            grep -E '^(==|    #|Fatal error|SUMMARY)|fatalError|error:' "$WORK/$target-regressions.log" | head -40 >&2
            input=$(sed -n 's/^Running: //p' "$WORK/$target-regressions.log" | tail -1)
            echo "fuzz: $target: regression input $input crashes again (log: $WORK/$target-regressions.log)" >&2
            failed+=("$target")
            continue
        fi
    fi

    # A copy of the seeds: what the run adds stays in $WORK.
    [[ -d fuzz/corpus/$target ]] && cp fuzz/corpus/"$target"/* "$WORK/corpus/$target/" 2>/dev/null || true
    dict=()
    [[ -f fuzz/dict/$target.dict ]] && dict=(-dict="fuzz/dict/$target.dict")
    status=0
    "$binary" "${FUZZ_FLAGS[@]}" "${RUN_FLAGS[@]}" "${dict[@]}" -max_len="$(max_len "$target")" \
        -max_total_time="$SECONDS_PER_TARGET" -artifact_prefix="$crashes/" \
        "$WORK/corpus/$target" >"$log" 2>&1 || status=$?

    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corpus=$(ls "$WORK/corpus/$target" | wc -l)
    result=ok
    if [[ $status -ne 0 ]]; then
        result=CRASH
        failed+=("$target")
    fi
    printf '%-20s %7s %11s %8s %6s %7s %7s %s\n' "$target" "$SECONDS_PER_TARGET" "${runs:-?}" "${rate:-?}" \
        "${cov:-?}" "${ft:-?}" "$corpus" "$result"
    if [[ $status -ne 0 ]]; then
        grep -E '^(==[0-9]+==ERROR|SUMMARY|    #[0-9]+ )|Fatal error|fatalError|ERROR: libFuzzer' "$log" | head -40 >&2
        for input in "$crashes"/*; do
            [[ -e "$input" ]] && echo "fuzz: $target crashing input: $input (full log: $log)" >&2
        done
    fi
    if [[ $MERGE -eq 1 && $status -eq 0 ]]; then
        mkdir -p fuzz/corpus/"$target"
        "$binary" -merge=1 -max_len="$(max_len "$target")" fuzz/corpus/"$target" "$WORK/corpus/$target" \
            >"$WORK/$target-merge.log" 2>&1
        echo "fuzz: $target: $(grep -o 'MERGE-OUTER: [0-9]* new files' "$WORK/$target-merge.log" || echo 'merge done')"
    fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz: FAILED: ${failed[*]} (inputs and logs under $WORK)" >&2
    exit 1
fi
if [[ $KEEP -eq 1 ]]; then
    echo "fuzz: all ${#TARGETS[@]} targets clean (logs under $WORK)"
else
    rm -rf "$WORK"
    echo "fuzz: all ${#TARGETS[@]} targets clean"
fi
