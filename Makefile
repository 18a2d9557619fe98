# Wegwijs. Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(PY) -m bot.runtime.rasa_server
export RASA_TELEMETRY_ENABLED := false
export PYTHONDONTWRITEBYTECODE := 1
export TF_CPP_MIN_LOG_LEVEL := 2

TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) \
	$(wildcard bot/nlu/*.py bot/language/*.py bot/language/lexicon/*.txt) content/languages.yml
MODEL_STAMP := models/.trained

.PHONY: help setup train run test test-fast lint types validate audit bench retention browser-deps clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# --- environment -------------------------------------------------------------------------
$(VENV)/.installed: requirements.lock scripts/find-python310.sh bot/web/widget/package-lock.json
	@python310=$$(bash scripts/find-python310.sh) && \
	  { [ -x $(PY) ] || $$python310 -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade "pip<25"
	$(PY) -m pip install --quiet -r requirements.lock
	cd bot/web/widget && npm ci --no-audit --no-fund --silent
	touch $@

setup: $(VENV)/.installed ## create the Python 3.10 environment with every pinned dependency

browser-deps: ## install Debian's chromium for the browser tests (needs root or sudo)
	@command -v chromium >/dev/null || bash scripts/install-chromium.sh

# --- model -------------------------------------------------------------------------------
$(MODEL_STAMP): $(VENV)/.installed $(TRAINING_INPUTS)
	@mkdir -p models
	@# --force: the language model also learns from files Rasa does not fingerprint (lexicons).
	$(RASA) train --force --fixed-model-name wegwijs --out models
	touch $@

train: $(MODEL_STAMP) ## train the model when its training data changed

validate: $(VENV)/.installed ## rasa data validate
	$(RASA) data validate --fail-on-warnings --max-history 4

# --- run ---------------------------------------------------------------------------------
run: $(MODEL_STAMP) ## set up, train if needed, start everything and print the URLs
	$(PY) -m bot.runtime.stack

retention: $(VENV)/.installed ## delete conversations past their retention period
	$(PY) -m bot.privacy.retention

# --- quality -----------------------------------------------------------------------------
lint: $(VENV)/.installed ## ruff lint and format check
	$(VENV)/bin/ruff check bot actions tests scripts
	$(VENV)/bin/ruff format --check bot actions tests scripts

types: $(VENV)/.installed ## mypy
	$(VENV)/bin/mypy bot actions

audit: ## check requirements.lock for known vulnerabilities (pip-audit, in .venv-tools)
	bash scripts/audit.sh

test: $(MODEL_STAMP) browser-deps ## audit the dependencies, set up and run every test
	AUDIT_UNREACHABLE_OK=1 bash scripts/audit.sh
	$(MAKE) --no-print-directory validate
	$(PY) -m pytest -q tests
	$(RASA) test core --stories tests/conversations --model models/wegwijs.tar.gz \
	  --fail-on-prediction-errors --out var/results/core

test-fast: $(VENV)/.installed ## unit tests only
	$(PY) -m pytest -q tests/unit

bench: $(MODEL_STAMP) ## measure accuracy, latency, throughput, memory and start-up
	$(PY) -m tests.bench.run

clean: ## remove trained models, results and local data
	rm -rf models/*.tar.gz $(MODEL_STAMP) var/results .pytest_cache
