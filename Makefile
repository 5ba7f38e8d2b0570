# Research Pulse. `make run` starts the server with a demo review;
# `make test` runs every test (the same command CI runs).

GO       ?= go
DB       ?= pulse.db
# Fuzzing budgets are counts of inputs, not durations: Go 1.26's fuzzer can
# fail a run bounded by time at its deadline with "context deadline
# exceeded" on a busy machine (go.dev/issue/75804, fixed in Go 1.27).
# The questionnaire loader's fuzzers take FUZZ_PARSE and FUZZ_CONDITIONS
# inputs; the edge fuzzers (answer payloads, resume codes, export cells)
# EDGE_FUZZ each: about a minute in all on this 2-core machine.
FUZZ_PARSE      ?= 500x
FUZZ_CONDITIONS ?= 10000x
EDGE_FUZZ       ?= 8000x

export CGO_ENABLED = 1

.PHONY: run build test vet fmt-check fuzz bench bench-quick bench-micro bench-export audit clean

build:
	$(GO) build -o bin/pulse ./cmd/pulse

run: build
	-./bin/pulse lint questionnaires/*.yaml
	./bin/pulse serve --demo --db $(DB)

test: fmt-check vet
	$(GO) test -count=1 ./...
	$(GO) test ./internal/survey -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZ_PARSE)
	$(GO) test ./internal/survey -run '^$$' -fuzz '^FuzzConditions$$' -fuzztime $(FUZZ_CONDITIONS)
	$(GO) test ./internal/server -run '^$$' -fuzz '^FuzzAPISave$$' -fuzztime $(EDGE_FUZZ)
	$(GO) test ./internal/server -run '^$$' -fuzz '^FuzzFormSave$$' -fuzztime $(EDGE_FUZZ)
	$(GO) test ./internal/server -run '^$$' -fuzz '^FuzzResumeCode$$' -fuzztime $(EDGE_FUZZ)
	$(GO) test ./internal/export -run '^$$' -fuzz '^FuzzSafeCell$$' -fuzztime $(EDGE_FUZZ)

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l cmd internal web); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# The standard scenarios (load at 8, 64 and 256 clients, page renders, a slow
# disk, start-up at 1,000,000 responses, export, analysis, micro-benchmarks),
# written with the machine and commit to scripts/bench-results.md (~15 min).
bench:
	scripts/bench.sh full

# The same scenarios, shorter and smaller (~3 min), into a temporary file.
bench-quick:
	scripts/bench.sh quick

# Page saves and renders at store, flow and HTTP level; compare medians.
bench-micro:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./internal/store ./internal/server

# The first run makes the 10k/100k/500k databases (kept in $$PULSE_BENCH_DIR); then compare medians.
bench-export:
	$(GO) test -run '^$$' -bench 'Export' -benchtime 1x -count 5 -timeout 60m ./internal/export

# Module versions against the newest served, then govulncheck (scripts/audit.sh).
audit:
	GO=$(GO) scripts/audit.sh

clean:
	rm -rf bin
