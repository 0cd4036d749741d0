# BatchKit: `make demo` sets up and runs the pipeline locally; `make test` runs every test.
SHELL := /usr/bin/env bash
CONFIGURATION ?= Release
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

BATCHKIT := dotnet run --project src/BatchKit.Cli --configuration $(CONFIGURATION) --
DAY ?= 2026-11-22
STORES ?= 20
ROWS ?= 200-1000
SEED ?= 42

.PHONY: help build test demo generate emulator bench bench-sales bench-engine bench-emulator clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

build: ## Build the whole solution
	dotnet build BatchKit.sln --configuration $(CONFIGURATION)

test: ## Run every test (unit, conformance, emulator, end to end); ends with `tests: N passed, N failed`
	CONFIGURATION=$(CONFIGURATION) bash scripts/test.sh

generate: ## Generate a synthetic day: sample-data/out/$(DAY).zip and its .expected.json
	$(BATCHKIT) generate --stores $(STORES) --rows $(ROWS) --date $(DAY) --seed $(SEED) --out sample-data/out/$(DAY).zip

demo: build generate ## Build, then generate a sample day (the full local pipeline lands with `make up`)

bench: bench-sales bench-engine bench-emulator ## Run every benchmark (figures on stdout)

SALES_BENCH := tests/BatchKit.Sales.Benchmarks/bin/$(CONFIGURATION)/net10.0/BatchKit.Sales.Benchmarks
bench-sales: ## Generator (100 and 1,000 stores x 1,000 rows, one process each) and a 300 MB store file aggregated vs a bare JSON scan
	dotnet build tests/BatchKit.Sales.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(SALES_BENCH) generate 100 1000
	$(SALES_BENCH) generate 1000 1000
	$(SALES_BENCH) aggregate 300

ENGINE_BENCH := tests/BatchKit.StatesLanguage.Benchmarks/bin/$(CONFIGURATION)/net10.0/BatchKit.StatesLanguage.Benchmarks
bench-engine: ## State transitions/s and allocations: a 20-state Pass/Choice chain and an inline Map over 10,000 items
	dotnet build tests/BatchKit.StatesLanguage.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(ENGINE_BENCH)

EMULATOR_BENCH := tests/BatchKit.Emulator.Benchmarks/bin/$(CONFIGURATION)/net10.0/BatchKit.Emulator.Benchmarks
bench-emulator: ## Emulator start-up to healthy, and S3 PUT/GET throughput (1 KB and 64 MB) with the real SDK
	dotnet build tests/BatchKit.Emulator.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(EMULATOR_BENCH)

emulator: ## Run the embedded AWS emulator in the foreground on http://127.0.0.1:4566 (Ctrl-C stops it)
	dotnet run --project src/BatchKit.Emulator --configuration $(CONFIGURATION) -- --port 4566 --data-dir .batchkit/data

clean: ## Remove build output
	dotnet clean BatchKit.sln --configuration $(CONFIGURATION) >/dev/null
