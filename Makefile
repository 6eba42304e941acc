# Borgerrådgiveren. `make run` starts the product; `make test` runs every check CI runs.
SHELL := /bin/bash
PYTHON310 ?= $(shell scripts/find-python310.sh)
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
export TF_INTRA_OP_PARALLELISM_THREADS ?= 2
export TF_INTER_OP_PARALLELISM_THREADS ?= 1
export TF_CPP_MIN_LOG_LEVEL ?= 2
export PYTHONWARNINGS ?= ignore

.PHONY: run test install build train lint typecheck validate pytest rasa-test browser-deps clean

$(VENV)/.installed: pyproject.toml constraints.txt
	@scripts/check-python.sh "$(PYTHON310)"
	@echo "==> Creating the virtual environment in $(VENV) (Python: $(PYTHON310))"
	@test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check "pip==24.0"
	@echo "==> Installing dependencies from constraints.txt (first time: several minutes)"
	@$(PY) -m pip install --disable-pip-version-check --progress-bar on -c constraints.txt -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

# Det Fælles Designsystem (npm `dkfds`, pinned in package-lock.json) for the console and the demo
# page: `npm ci`, then its CSS, JS, icons and fonts into build/dkfds, served at /dkfds.
DKFDS := build/dkfds/.copied
$(DKFDS): package-lock.json
	@echo "==> Det Fælles Designsystem (npm ci, copied into build/dkfds)"
	@npm ci --no-audit --no-fund --loglevel=error || { echo "ERROR: npm ci failed (Node.js and npm are needed)"; exit 1; }
	@rm -rf build/dkfds && mkdir -p build/dkfds/fonts/IBMPlexSans
	@cp -r node_modules/dkfds/dist/css node_modules/dkfds/dist/js node_modules/dkfds/dist/img node_modules/dkfds/LICENSE.md build/dkfds/
	@cp -r node_modules/dkfds/dist/fonts/IBMPlexSans/complete build/dkfds/fonts/IBMPlexSans/
	@touch $@

build: install $(DKFDS)
	@$(PY) -m bot.cli build

train: build
	@$(PY) -m bot.cli train

run: train
	@$(PY) -m bot.cli run

lint: install
	@echo "==> ruff"
	@$(PY) -m ruff check bot actions tests
	@echo "==> mypy"
	@$(PY) -m mypy bot actions

validate: build
	@echo "==> rasa data validate"
	@$(PY) -m bot.rasa_validate

pytest: train browser-deps
	@echo "==> pytest"
	@$(PY) -m pytest -q

rasa-test: train
	@echo "==> rasa test (test stories against the trained model)"
	@$(RASA) test core --model "$$($(PY) -c "from bot.build import latest_model; print(latest_model())")" --stories tests/test_stories.yml \
		--out var/results --fail-on-prediction-errors

test: lint validate pytest rasa-test

# Debian's chromium for the browser tests (Playwright's own browser download does not work here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { echo "==> Installing Debian's chromium"; \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
		{ echo "ERROR: could not install chromium (apt-get install chromium, as root)"; exit 1; }; }
	@test -f node_modules/axe-core/axe.min.js || { echo "==> Installing axe-core (npm ci)"; \
		npm ci --no-audit --no-fund --loglevel=error || \
		{ echo "ERROR: npm ci failed; axe-core is needed for the accessibility test"; exit 1; }; }

clean:
	rm -rf build models var/results

# Held-out benchmark of the knowledge answers (trains a temporary NLU model, a few minutes);
# writes docs/KNOWLEDGE_EVAL.md.
.PHONY: eval
eval: build
	@$(PY) -m bot.cli eval-knowledge

# Load benchmark: the embedded profile over the gateway's WebSocket API against plain Rasa,
# handover latency, cold start, training time (about 10 minutes; not part of `make test`).
# Writes the "Load" section of docs/BENCHMARKS.md and var/bench/load.json.
.PHONY: bench
bench: train
	@$(PY) -m bench.load

# Reliability and security suites: faults with the real processes, hostile input, personal
# data (SECURITY.md lists which test covers which threat). `make test` runs them too.
.PHONY: test-security
test-security: train browser-deps
	@echo "==> security and reliability tests"
	@$(PY) -m pytest -q tests/security tests/reliability
