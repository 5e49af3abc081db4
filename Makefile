# callgate: `make run` and `make test` do all set-up on a fresh Debian machine.
SWIFT ?= swift
CC ?= cc
BIN = .build/debug/callgate
C_SCENARIOS = scenarios/examples/outage-notice

.PHONY: all deps-run deps-test build scenarios run demo test bench fuzz clean

all: build

deps-run:
	@tools/install-deps.sh run

deps-test:
	@tools/install-deps.sh test

build: deps-run
	$(SWIFT) build
	@$(MAKE) --no-print-directory scenarios

# Compiled example scenarios (their binaries are not committed).
scenarios: $(C_SCENARIOS)

scenarios/examples/%: scenarios/examples/%.c
	$(CC) -std=c99 -Wall -Wextra -O2 -o $@ $<

# The engine on the embedded default: SIP 127.0.0.1:5060, HTTP 127.0.0.1:8080, the demo IVR on
# every number, demo agents 1001-1003 (passwords demo1001-demo1003). Ctrl-C ends it cleanly.
run: build
	$(BIN) serve

# The demo IVR through a simulated call, without SIP.
demo: build
	$(BIN) test scenarios/demo-ivr.sh --dtmf 1

test: deps-test
	$(SWIFT) build --build-tests
	@$(MAKE) --no-print-directory scenarios
	$(SWIFT) test --skip-build
	tools/bench/run.sh --smoke
	tools/fuzz/run.sh --seconds 10

# Benchmarks against Kamailio and the goals of issue 5; writes docs/benchmarks.md (BENCH_SECONDS per rate, 10).
bench: deps-test
	$(SWIFT) build -c release --product callgate
	$(SWIFT) build -c release --product callgate-bench-acd
	tools/bench/run.sh
	$(SWIFT) build -c release --product callgate-bench-amd
	tools/bench/amd.sh

# Every libFuzzer target for FUZZ_SECONDS each (300), after replaying fuzz/regressions; the
# sanitizer build lives in .build-fuzz (docs/security.md#fuzzing). FUZZ_MERGE=1 keeps new coverage in fuzz/corpus.
FUZZ_SECONDS ?= 300
fuzz: deps-test
	tools/fuzz/run.sh --seconds $(FUZZ_SECONDS) $(if $(FUZZ_MERGE),--merge)

clean:
	rm -rf .build .build-fuzz $(C_SCENARIOS)
