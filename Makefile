# TaoSim — the two commands: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/taosim
DEBUG_BIN := .build/debug/taosim
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: test-layers test-designs test-cli test-mutation run test deps build release test-swift test-conformance bench-epoch bench-network bench bench-kernels clean test-slurm test-notebooks test-reference results

## run: build in release, run the default scenario (the calibrated mainnet sample), print where the results went and a summary.
run: deps release
	$(RELEASE_BIN) run Scenarios/mainnet-sample.yaml

## test: install what is missing, then run every test.
test: test-layers deps test-swift test-conformance test-cli test-designs test-mutation test-reference test-notebooks test-slurm

## test-layers: Package.swift's header, README's module table, the targets' dependencies and every
## `import` in Sources/ agree; no module depends on a higher layer or in a cycle (runs first, fails fast).
test-layers:
	python3 scripts/check-layers.py --self-test

## deps: install GSL, zlib and pkg-config from Debian when missing (non-interactive).
deps:
	@if ! pkg-config --exists gsl zlib 2>/dev/null; then \
	  echo "installing libgsl-dev, zlib1g-dev and pkg-config"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get install -y -qq libgsl-dev zlib1g-dev pkg-config >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libgsl-dev zlib1g-dev pkg-config >/dev/null; }; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product taosim

test-swift: deps
	$(SWIFT) build
	$(SWIFT) test

## test-conformance: every chain conformance vector must PASS in fixed point (spec §15); uses the
## debug binary that test-swift built.
test-conformance: deps
	@[ -x $(DEBUG_BIN) ] || $(SWIFT) build --product taosim
	$(DEBUG_BIN) verify spec/conformance-vectors.json

## bench-epoch: µs per Yuma epoch (both arithmetics) next to numpy and the plain C limit, outputs checked
## against numpy (not part of `make test`; takes a few minutes).
bench-epoch: release
	Benchmarks/bench-epoch.sh

clean:
	rm -rf .build

## bench-network: whole-network year and growth table (not part of `make test`; takes minutes).
bench-network: release
	$(RELEASE_BIN) bench network
	$(RELEASE_BIN) bench network --growth

## bench-kernels: the epoch kernels under the package-benchmark harness (ordo-one/benchmark), a package
## of its own in Benchmarks/ (its first build takes minutes; never part of `make test` or `make build`).
## Pass the harness's arguments in ARGS, e.g. ARGS='baseline update main', then
## ARGS='baseline compare main' after a change (baselines stay under Benchmarks/.benchmarkBaselines/).
bench-kernels: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark $(ARGS)

## bench: speed measurements (not part of `make test`).
bench: release
	Benchmarks/bench-engine.sh

## test-slurm: a 4-shard sweep on a real single-node Slurm (installed from Debian when absent)
## must equal the unsharded sweep byte for byte, also after a shard is killed and re-submitted.
test-slurm: deps release
	TAOSIM=$(CURDIR)/$(RELEASE_BIN) scripts/slurm-test.sh

## test-notebooks: run every notebook headless on the reference runs (creates .venv-nb if missing).
test-notebooks:
	scripts/run-notebooks.sh

## test-reference: re-run the reference runs, compare with Results/reference/ byte for byte, run
## `taosim check` on them, and show that a changed parameter is caught.
test-reference: deps release
	TAOSIM=$(CURDIR)/$(RELEASE_BIN) scripts/reference-runs.sh check

## results: regenerate Results/reference/ and Notebooks/runs.json (the only way they change), the
## full-length seed-claim runs in Results/seed-claims/ and Notebooks/claims.json
## (scripts/seed-claims.sh, about 15 min on 2 cores) and the designs sensitivity study in
## Results/designs/ (scripts/designs-study.sh).
results: deps release
	TAOSIM=$(CURDIR)/$(RELEASE_BIN) scripts/reference-runs.sh update
	TAOSIM=$(CURDIR)/$(RELEASE_BIN) scripts/seed-claims.sh
	TAOSIM=$(CURDIR)/$(RELEASE_BIN) scripts/designs-study.sh

## test-designs: lhs and sobol sweeps on the tiny network end to end with `taosim analyze`, an
## invalid design refused at its line, and the Sobol/Morris estimators against SALib on the
## Ishigami function (scripts/designs-test.sh; uses the notebook venv, which pins SALib).
test-designs: deps release
	TAOSIM=$(CURDIR)/$(RELEASE_BIN) scripts/designs-test.sh

## test-cli: the taosim binary end to end (scripts/cli-test.sh): debug and release write identical
## bytes for Scenarios/ci/tiny.yaml, 1 and 2 workers too; invalid input exits 2 and writes nothing;
## check passes and fails on expect: clauses; a sharded sweep merges into the unsharded bytes.
test-cli: deps release
	@[ -x $(DEBUG_BIN) ] || $(SWIFT) build --product taosim
	RELEASE_BIN=$(CURDIR)/$(RELEASE_BIN) DEBUG_BIN=$(CURDIR)/$(DEBUG_BIN) scripts/cli-test.sh

## test-mutation: generated input test (scripts/mutation-test.py): the shipped scenarios mutated
## (every documented key at and beyond its range ends, wrong types, YAML tags, deleted, emptied and
## duplicated keys, hostile extends targets, file names, run names and --set paths); each must
## validate (exit 0) or be refused with FILE:LINE:COLUMN and key (exit 2), never crash, hang or
## write outside --out. Needs PyYAML (the notebook environment has it when python3 lacks it).
test-mutation: deps release
	@python=python3; $$python -c 'import yaml' 2>/dev/null || python="$$(scripts/notebook-venv.sh)/bin/python"; \
	  $$python scripts/mutation-test.py $(CURDIR)/$(RELEASE_BIN)
