# callgate: `make run` and `make test` do all set-up on a fresh Debian machine.
SWIFT ?= swift
CC ?= cc
BIN = .build/debug/callgate
C_SCENARIOS = scenarios/examples/outage-notice

.PHONY: all deps-run deps-test build scenarios run test clean

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

# Until the SIP front lands, `make run` walks the demo IVR through a simulated call.
run: build
	$(BIN) test scenarios/demo-ivr.sh --dtmf 1

test: deps-test
	$(SWIFT) build --build-tests
	@$(MAKE) --no-print-directory scenarios
	$(SWIFT) test --skip-build

clean:
	rm -rf .build $(C_SCENARIOS)
