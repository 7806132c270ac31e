# Formwork: `make run` builds and compiles the example specs into out/;
# `make test` runs every test and check. Both install what is missing first.

SWIFT ?= swift
CFN_LINT_VERSION := 1.51.0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build release pre-commit-test deps cfn-lint-dep jsonschema-dep checkov-dep checkov checkov-checks deploy-test bench golden schemas fuzz fuzz-corpus clean

# libyaml-dev through apt-get when pkg-config cannot find yaml-0.1; graphviz
# and cmark-gfm (the judges of formwork graph's dot and diff's markdown),
# pinned to Debian 12's versions, when missing.
GRAPHVIZ_VERSION := 2.42.2-7+deb12u1
CMARK_GFM_VERSION := 0.29.0.gfm.6-6
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists yaml-0.1; then \
		echo "installing libyaml-dev with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libyaml-dev pkg-config; \
	fi
	@if ! command -v dot >/dev/null 2>&1 || ! command -v cmark-gfm >/dev/null 2>&1; then \
		echo "installing graphviz $(GRAPHVIZ_VERSION) and cmark-gfm $(CMARK_GFM_VERSION) with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq \
			graphviz=$(GRAPHVIZ_VERSION) cmark-gfm=$(CMARK_GFM_VERSION); \
	fi

# cfn-lint, pinned, with pip when missing or at another version.
cfn-lint-dep:
	@if [ "$$(cfn-lint --version 2>/dev/null)" != "cfn-lint $(CFN_LINT_VERSION)" ]; then \
		echo "installing cfn-lint $(CFN_LINT_VERSION) with pip"; \
		python3 -m pip install -q "cfn-lint==$(CFN_LINT_VERSION)" \
			|| python3 -m pip install -q --break-system-packages "cfn-lint==$(CFN_LINT_VERSION)"; \
	fi

# jsonschema, pinned with its dependencies (scripts/jsonschema-requirements.txt),
# in its own virtual environment outside the repository, for the tests that
# validate output against a schema (SarifSchemaTests). Installed anew when the
# requirements change: built under a temporary name, renamed into place.
FORMWORK_CACHE ?= $(HOME)/.cache/formwork
JSONSCHEMA_VENV := $(FORMWORK_CACHE)/jsonschema
# A pinned virtual environment: $(call pinned-venv,DIR,REQUIREMENTS,MODULE),
# installed anew when REQUIREMENTS differ from the copy kept in DIR or MODULE
# does not import; built under a temporary name, renamed into place.
define pinned-venv
	@if ! cmp -s $(2) "$(1)/requirements.txt" || ! "$(1)/bin/python" -c "import $(3)" 2>/dev/null; then \
		echo "installing $(3) ($(2)) into $(1)"; \
		mkdir -p "$(FORMWORK_CACHE)" && rm -rf "$(1).tmp" \
		&& python3 -m venv "$(1).tmp" \
		&& "$(1).tmp/bin/python" -m pip install -q --no-deps -r $(2) \
		&& cp $(2) "$(1).tmp/requirements.txt" \
		&& rm -rf "$(1)" && mv "$(1).tmp" "$(1)"; \
	fi
endef

jsonschema-dep:
	$(call pinned-venv,$(JSONSCHEMA_VENV),scripts/jsonschema-requirements.txt,jsonschema)

# checkov, pinned with its dependencies (scripts/checkov-requirements.txt), in
# its own virtual environment like jsonschema's, for the security audit.
CHECKOV_VENV := $(FORMWORK_CACHE)/checkov
checkov-dep:
	$(call pinned-venv,$(CHECKOV_VENV),scripts/checkov-requirements.txt,checkov.main)

# The security audit (docs/security.md): checkov over every golden template,
# offline; fails on any failed check the spec does not waive in writing, each
# printed at its spec line. make test runs it too.
checkov: checkov-dep
	python3 scripts/checkov-audit.py "$(CHECKOV_VENV)/bin/python" $(TEMPLATES)

# The checkov checks a waiver may name, and the resource types each judges
# (Sources/FormworkFacts/CheckovChecks.swift), generated from the pinned
# checkov's registry; make test checks the committed file is what this writes.
checkov-checks: checkov-dep
	python3 scripts/checkov-checks.py "$(CHECKOV_VENV)/bin/python"

# Every golden template deployed on LocalStack, its APIs called (docs/testing.md).
# Installs LocalStack, pinned, into its own virtual environment under
# ~/.cache/formwork the first time (Python >= 3.12 needed); closes on
# "N passed, N failed, N skipped".
deploy-test:
	bash deploy/run.sh

build: deps
	$(SWIFT) build -c release --product formwork

# .pre-commit-hooks.yaml run by the real pre-commit, pinned (installed into
# ~/.cache/formwork the first time): try-repo on a good and a bad spec.
pre-commit-test:
	bash scripts/pre-commit-test.sh

# The static release binary, checked to run in a root without Swift, its runtime
# or a C library (scripts/release-check.sh; docs/performance.md has its size
# and start-up time).
release: build
	bash scripts/release-check.sh .build/release/formwork

run: build
	@mkdir -p out
	.build/release/formwork compile $(wildcard specs/*.yaml specs/*.yml) --out out

# The benchmark (docs/performance.md): Markdown tables on standard output.
# BENCH_ARGS passes options, e.g. BENCH_ARGS="--against OLD_BINARY --instructions"
# (--instructions needs valgrind). Installs its pinned peers into
# ~/.cache/formwork the first time.
bench: build
	python3 bench/bench.py $(BENCH_ARGS)

# The golden templates, without their source maps (golden/*.map.json).
TEMPLATES = $(filter-out %.map.json,$(wildcard golden/*.json))

# The schema data's check, cfn-lint and the deploy test first (the data and the
# goldens are committed), so the test
# runner's summary closes the output. bench/hostile.py lints each hostile
# input with the release binary under a time and memory guard (docs/performance.md,
# "Hostile inputs").
test: deps cfn-lint-dep jsonschema-dep checkov-dep
	python3 scripts/schemas.py --check
	python3 scripts/checkov-checks.py "$(CHECKOV_VENV)/bin/python" --check
	@echo "cfn-lint $(CFN_LINT_VERSION) over the golden templates"
	cfn-lint --format parseable -- $(TEMPLATES)
	@echo "cfn-lint: no findings in $(words $(TEMPLATES)) templates"
	python3 scripts/checkov-audit.py "$(CHECKOV_VENV)/bin/python" $(TEMPLATES)
	bash deploy/run.sh
	$(SWIFT) build --build-tests
	bash scripts/pre-commit-test.sh
	$(SWIFT) build -c release --product formwork
	bash scripts/release-check.sh .build/release/formwork
	python3 bench/hostile.py check .build/release/formwork --timeout 10
	$(SWIFT) test --skip-build

# The resource schemas embedded in the binary (Sources/CFormworkSchemas/schemas.data),
# generated from the pinned cfn-lint's; make test checks the committed file is
# what this writes.
schemas: cfn-lint-dep
	python3 scripts/schemas.py

# Re-record golden files (and docs/diagnostics.md, generated from them):
# rewrites only the files that differ, lists them, and fails.
golden: deps
	-UPDATE_GOLDEN=1 $(SWIFT) test --filter 'RuleDocumentationTests' >/dev/null 2>&1
	-UPDATE_GOLDEN=1 $(SWIFT) test --filter 'GoldenTests' >/dev/null 2>&1
	-UPDATE_GOLDEN=1 $(SWIFT) test --filter 'DiagnosticsDocTests' >/dev/null 2>&1
	@git status --short golden docs Sources/FormworkKit/RuleDocumentation.swift
	@echo "golden files re-recorded: read the diff (git diff golden docs), then run make test"; exit 1

# The libFuzzer targets (docs/reliability.md), each for FUZZ_SECONDS, from
# Tests/Fuzz/corpus; fails when one leaves a crash, timeout or oom artifact.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) bash Tests/Fuzz/run.sh

# Regenerates the seed corpus (Tests/Fuzz/make-corpus.py) and keeps the
# smallest set of it that covers as much (libFuzzer's -merge=1).
fuzz-corpus: deps
	SWIFT=$(SWIFT) bash Tests/Fuzz/run.sh --build-only
	rm -rf .build-fuzz/corpus Tests/Fuzz/corpus
	python3 Tests/Fuzz/make-corpus.py .build-fuzz/corpus
	mkdir -p Tests/Fuzz/corpus/pipeline Tests/Fuzz/corpus/expressions
	.build-fuzz/release/FuzzPipeline -merge=1 -max_len=16384 -timeout=20 -rss_limit_mb=2048 Tests/Fuzz/corpus/pipeline .build-fuzz/corpus/pipeline
	.build-fuzz/release/FuzzExpressions -merge=1 -max_len=8192 Tests/Fuzz/corpus/expressions .build-fuzz/corpus/expressions

clean:
	rm -rf .build .build-fuzz out
