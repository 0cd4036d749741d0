# BatchKit: `make demo` sets up and runs the pipeline locally; `make test` runs every test.
SHELL := /usr/bin/env bash
CONFIGURATION ?= Release
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

BATCHKIT := dotnet src/BatchKit.Cli/bin/$(CONFIGURATION)/net10.0/batchkit.dll
ENGINE ?= emulator
# What runs the workers and the Lambda in the emulator: process (the published binaries), container (the images of
# `make images`) or auto.
ECS_RUNTIME ?= process
LAMBDA_RUNTIME ?= process
UP_IMAGES := $(if $(filter-out process,$(ECS_RUNTIME) $(LAMBDA_RUNTIME)),images)
ARTIFACTS := artifacts
# The pinned CDK CLI (package.json): make up synthesizes the CDK app with it (Node runs CDK's jsii; no Java needed).
CDK := node_modules/.bin/cdk
DAY ?= 2026-11-22
STORES ?= 20
ROWS ?= 200-1000
SEED ?= 42

.PHONY: help build cli artifacts images dockerd up down status demo test generate emulator bench bench-sales bench-engine bench-emulator bench-map bench-containers bench-pipeline bench-runtimes bench-jsonata bench-slack-stub bench-viewer synth deploy destroy clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

build: ## Build the whole solution
	dotnet build BatchKit.sln --configuration $(CONFIGURATION)

test: images ## Run every test (unit, conformance, emulator, end to end); ends with `tests: N passed, N failed`
	CONFIGURATION=$(CONFIGURATION) bash scripts/test.sh

images: dockerd ## Build the container images from their Dockerfiles on local Debian bases (cached by content): worker, emulator, Lambda base
	bash scripts/images.sh

dockerd: ## Start a loopback-only Docker engine unless one answers (`make down` stops the one it started)
	bash scripts/dockerd.sh start

# The CLI and the artifacts are built only when their inputs changed (scripts/artifact.sh keeps a hash of them).
cli:
	@bash scripts/artifact.sh src/BatchKit.Cli/bin/$(CONFIGURATION)/net10.0 src/BatchKit.Cli build --configuration $(CONFIGURATION)

artifacts: ## Publish what the local stack runs: the emulator and the worker (Native AOT), the Lambda's bootstrap (self-contained, trimmed, ReadyToRun), as they ship
	@bash scripts/artifact.sh $(ARTIFACTS)/emulator src/BatchKit.Emulator --configuration $(CONFIGURATION) --runtime linux-x64 -p:PublishAot=true
	@bash scripts/artifact.sh $(ARTIFACTS)/worker src/BatchKit.Worker --configuration $(CONFIGURATION) --runtime linux-x64 -p:PublishAot=true
	@bash scripts/artifact.sh $(ARTIFACTS)/functions src/BatchKit.Functions --configuration $(CONFIGURATION) --runtime linux-x64 --self-contained \
	  -p:PublishTrimmed=true -p:PublishReadyToRun=true

up: cli artifacts $(UP_IMAGES) $(CDK) ## Start the local stack (ENGINE, ECS_RUNTIME, LAMBDA_RUNTIME) and deploy the synthesized CDK template into it
ifeq ($(ENGINE),localstack)
	docker compose -f localstack/docker-compose.yml up -d
endif
	$(BATCHKIT) up --engine $(ENGINE) --ecs-runtime $(ECS_RUNTIME) --lambda-runtime $(LAMBDA_RUNTIME)

down: cli ## Stop exactly what `make up` started
	$(BATCHKIT) down
	bash scripts/dockerd.sh stop
ifeq ($(ENGINE),localstack)
	docker compose -f localstack/docker-compose.yml down
endif

status: cli ## What runs, and the recent executions
	$(BATCHKIT) status

demo: up ## From a fresh clone: build, start the stack, generate a day of $(STORES) stores, upload it and follow it to its summary
	$(BATCHKIT) run --stores $(STORES)

generate: cli ## Generate a synthetic day: sample-data/out/$(DAY).zip and its .expected.json
	$(BATCHKIT) generate --stores $(STORES) --rows $(ROWS) --date $(DAY) --seed $(SEED) --out sample-data/out/$(DAY).zip

bench: bench-sales bench-engine bench-emulator bench-map bench-pipeline bench-jsonata bench-slack-stub bench-viewer ## Run every benchmark (figures on stdout)

SALES_BENCH := tests/BatchKit.Sales.Benchmarks/bin/$(CONFIGURATION)/net10.0/BatchKit.Sales.Benchmarks
bench-sales: ## Generator (100 and 1,000 stores x 1,000 rows, one process each) and a 300 MB store file aggregated vs a bare JSON scan
	dotnet build tests/BatchKit.Sales.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(SALES_BENCH) generate 100 1000
	$(SALES_BENCH) generate 1000 1000
	$(SALES_BENCH) aggregate 300

ENGINE_BENCH := tests/BatchKit.StatesLanguage.Benchmarks/bin/$(CONFIGURATION)/net10.0/BatchKit.StatesLanguage.Benchmarks
bench-engine: ## State transitions/s and allocations: a 20-state Pass/Choice chain and an inline Map over 10,000 items, each in JSONPath and JSONata; then the engine's share of a Distributed Map over 10,000 items (bytes allocated per child, GC pauses)
	dotnet build tests/BatchKit.StatesLanguage.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(ENGINE_BENCH)

EMULATOR_BENCH := tests/BatchKit.Emulator.Benchmarks/bin/$(CONFIGURATION)/net10.0/BatchKit.Emulator.Benchmarks
bench-emulator: artifacts ## Start-up to healthy and idle memory (Native AOT artifact beside the JIT build), S3 PUT/GET throughput (1 KB, 64 MB), RunTask latency
	dotnet build tests/BatchKit.Emulator.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(EMULATOR_BENCH) $(ARTIFACTS)/emulator/BatchKit.Emulator

bench-map: ## Step Functions over HTTP: a 100-item Map on BatchKit and on moto's engine (moto_server) in one run, and a Distributed Map over 10,000 S3 objects
	dotnet build tests/BatchKit.Emulator.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(EMULATOR_BENCH) map

bench-containers: images ## RunTask to first log line for a container next to a process (median, p90 over 50 each); image build time is printed by make images
	dotnet build tests/BatchKit.Emulator.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(EMULATOR_BENCH) containers

PIPELINE_BENCH := tests/BatchKit.Pipeline.Benchmarks/bin/$(CONFIGURATION)/net10.0/BatchKit.Pipeline.Benchmarks
bench-pipeline: artifacts $(CDK) ## Upload to SUCCEEDED, all real processes: 100 and 1,000 stores x 1,000 rows, time breakdown, peak memory
	dotnet build tests/BatchKit.Pipeline.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(PIPELINE_BENCH) $(CURDIR) 100 1000 10
	$(PIPELINE_BENCH) $(CURDIR) 1000 1000 10

RUNTIME_RUNS ?= 3
bench-runtimes: artifacts images $(CDK) ## 100 stores x 1,000 rows, ECS tasks as containers vs processes (alternating, medians); RunTask to first log line
	dotnet build tests/BatchKit.Pipeline.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(PIPELINE_BENCH) $(CURDIR) 100 1000 10 process,container $(RUNTIME_RUNS)
	dotnet build tests/BatchKit.Emulator.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(EMULATOR_BENCH) containers

JSONATA_BENCH := tests/BatchKit.Jsonata.Benchmarks/bin/$(CONFIGURATION)/net10.0/BatchKit.Jsonata.Benchmarks
JSONATA_SECONDS ?= 1
bench-jsonata: ## JSONata: 21 suite expressions, evaluations/s of BatchKit.Jsonata and of jsonata-js on Node in the same run, and the ratio
	dotnet build tests/BatchKit.Jsonata.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(JSONATA_BENCH) $(JSONATA_SECONDS)

VIEWER_BENCH := tests/BatchKit.Viewer.Benchmarks/bin/$(CONFIGURATION)/net10.0/BatchKit.Viewer.Benchmarks
bench-viewer: ## The viewer in Chromium: first paint (20 fresh loads) and an execution with 1,000 Map children, live and paged
	dotnet build tests/BatchKit.Viewer.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(VIEWER_BENCH) 20 1000

SLACK_BENCH := tests/BatchKit.SlackStub.Benchmarks/bin/$(CONFIGURATION)/net10.0/BatchKit.SlackStub.Benchmarks
bench-slack-stub: ## Slack stub start to healthy: WireMock.Net in-process and as `batchkit slack-stub` (BENCH_ARGS="--java-jar JAR" adds the Java jar)
	dotnet build tests/BatchKit.SlackStub.Benchmarks --configuration $(CONFIGURATION) --nologo -v quiet
	$(SLACK_BENCH) $(CURDIR) 5 $(BENCH_ARGS)

$(CDK): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

LAMBDA_ASSET_DIR ?= $(ARTIFACTS)/functions
CDK_ARGS ?=
CDK_CONTEXT := -c lambdaAssetDir=$(LAMBDA_ASSET_DIR) $(CDK_ARGS)

synth: $(CDK) ## Synthesize the AWS stack to cdk.out/ (no AWS credentials needed); LAMBDA_ASSET_DIR, CDK_ARGS="-c key=value"
	@test -f $(LAMBDA_ASSET_DIR)/bootstrap || $(MAKE) artifacts
	$(CDK) synth --quiet --output cdk.out $(CDK_CONTEXT)

deploy: artifacts $(CDK) ## Deploy to the AWS account of your credentials (see src/BatchKit.Infrastructure/DEPLOY.md); outputs to .batchkit/aws-outputs.json
	$(CDK) deploy --require-approval broadening --output cdk.out --outputs-file .batchkit/aws-outputs.json $(CDK_CONTEXT)

destroy: $(CDK) ## Remove the deployed stack (the bucket is kept: it holds your data)
	$(CDK) destroy --force --output cdk.out $(CDK_CONTEXT)

emulator: ## Run the embedded AWS emulator in the foreground on http://127.0.0.1:4566 (Ctrl-C stops it)
	dotnet run --project src/BatchKit.Emulator --configuration $(CONFIGURATION) -- --port 4566 --data-dir .batchkit/data --allow-hot-reload $(ARTIFACTS)/functions

clean: ## Remove build output and published artifacts (the stack's data in .batchkit/ stays; make down first)
	dotnet clean BatchKit.sln --configuration $(CONFIGURATION) >/dev/null
	rm -rf $(ARTIFACTS)
