# Borgerrådgiveren. `make run` starts the product; `make test` runs every check CI runs.
SHELL := /bin/bash
PYTHON310 ?= $(shell scripts/find-python310.sh)
# Two environments (SECURITY.md "Library versions"): Rasa, the action server and the tools in
# .venv (Rasa's pins); the internet-facing gateway and console in .venv-gateway (current aiohttp).
# bot/environments.py names the same two directories.
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
GATEWAY_VENV := .venv-gateway
GATEWAY_PY := $(GATEWAY_VENV)/bin/python
export TF_INTRA_OP_PARALLELISM_THREADS ?= 2
export TF_INTER_OP_PARALLELISM_THREADS ?= 1
export TF_CPP_MIN_LOG_LEVEL ?= 2
export PYTHONWARNINGS ?= ignore
# Rasa reports usage and crashes to third parties unless told not to (SECURITY.md, "Personal
# data"); off for everything make runs (`rasa test`, validation, pytest), as bot.build does it.
export RASA_TELEMETRY_ENABLED := false

.PHONY: run test install build train lint typecheck validate pytest rasa-test browser-deps clean

# Installed with uv (pinned here, into .venv beside the other tools): the same pins from the same
# constraints files as pip would install, but resolved and unpacked in parallel (a fresh clone's
# two environments: 2 min 26 s with pip, 1 min with uv). UV_SYSTEM_CERTS: the machine's own
# certificate store, as pip uses it (pip.conf's `cert`). --compile-bytecode, as pip does: where
# PYTHONDONTWRITEBYTECODE is set, every Rasa start would otherwise compile Rasa and TensorFlow
# from source again (import 18 s instead of 6 s).
UV_VERSION := 0.13.8
UV := $(VENV)/bin/uv
UV_INSTALL := UV_SYSTEM_CERTS=1 $(UV) pip install --quiet --compile-bytecode

$(UV):
	@scripts/check-python.sh "$(PYTHON310)"
	@test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.installed: pyproject.toml constraints.txt | $(UV)
	@echo "==> Installing Rasa's side in $(VENV) from constraints.txt (Python: $(PYTHON310))"
	@$(UV_INSTALL) --python $(PY) "pip==24.0"
	@$(UV_INSTALL) --python $(PY) -c constraints.txt -e ".[rasa,dev]"
	@touch $@

$(GATEWAY_VENV)/.installed: pyproject.toml constraints-gateway.txt | $(UV)
	@scripts/check-python.sh "$(PYTHON310)"
	@echo "==> Installing the gateway's side in $(GATEWAY_VENV) from constraints-gateway.txt"
	@test -x $(GATEWAY_PY) || $(PYTHON310) -m venv $(GATEWAY_VENV)
	@$(UV_INSTALL) --python $(GATEWAY_PY) "pip==24.0"
	@$(UV_INSTALL) --python $(GATEWAY_PY) -c constraints-gateway.txt -e ".[gateway,dev]"
	@touch $@

install: $(VENV)/.installed $(GATEWAY_VENV)/.installed

# Re-pin the gateway environment to the newest releases (then review the diff and run make test).
.PHONY: constraints-gateway
constraints-gateway:
	@rm -rf /tmp/borger-gateway-pin && $(PYTHON310) -m venv /tmp/borger-gateway-pin
	@/tmp/borger-gateway-pin/bin/python -m pip install --quiet --disable-pip-version-check "pip==24.0"
	@/tmp/borger-gateway-pin/bin/python -m pip install --quiet --disable-pip-version-check -e ".[gateway,dev]"
	@{ grep '^#' constraints-gateway.txt; \
	   /tmp/borger-gateway-pin/bin/python -m pip freeze --exclude-editable; } > constraints-gateway.txt.new
	@mv constraints-gateway.txt.new constraints-gateway.txt && rm -rf /tmp/borger-gateway-pin
	@echo "==> constraints-gateway.txt rewritten; review with git diff"

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

# Each step's commands, shared by its own target and by `make test`'s streams below.
LINT = echo "==> ruff" && $(PY) -m ruff check bot actions tests bench && \
	echo "==> mypy" && $(PY) -m mypy bot actions
VALIDATE = echo "==> rasa data validate" && $(PY) -m bot.rasa_validate
# Each environment runs its own side of the suite (tests/sides.py decides which file is which).
PYTEST_RASA = echo "==> pytest, Rasa side ($(VENV))" && $(PY) -m pytest -q
PYTEST_GATEWAY = echo "==> pytest, gateway side ($(GATEWAY_VENV))" && $(GATEWAY_PY) -m pytest -q
RASA_TEST = echo "==> rasa test (test stories against the trained model)" && \
	$(RASA) test core --model "$$($(PY) -c "from bot.build import latest_model; print(latest_model())")" \
	--stories tests/test_stories.yml --out var/results --fail-on-prediction-errors
lint: install
	@$(LINT)

validate: build
	@$(VALIDATE)

pytest: train browser-deps
	@$(PYTEST_RASA)
	@$(PYTEST_GATEWAY)

rasa-test: train
	@$(RASA_TEST)

# Once the environments, the build and the model are there, two streams run side by side on the
# 2 cores: lint, validate, the Rasa side's pytest, `rasa test` and then two parts of the gateway
# side that start their own processes (the production profile: PostgreSQL, Redis, two Rasa
# replicas; backup/restore: two product starts; the supervised product and its Rasa restart),
# one after the other; and the rest of the gateway side, the longer part. Each stream's output is printed whole when it ends; a failing
# stream fails `make test` once the other is done.
GATEWAY_SECOND_PART := tests/production tests/reliability/test_backup_restore.py \
	tests/reliability/test_supervised_run.py

test: train browser-deps
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-streams

.PHONY: test-streams test-stream-rasa test-stream-gateway
test-streams: test-stream-rasa test-stream-gateway

test-stream-rasa:
	@TIMEFORMAT="==> lint, validate, Rasa side, rasa test, $(GATEWAY_SECOND_PART): %0R s"; \
		time { $(LINT) && $(VALIDATE) && $(PYTEST_RASA) && $(RASA_TEST) && \
		echo "==> pytest, gateway side ($(GATEWAY_VENV)): $(GATEWAY_SECOND_PART)" && \
		$(GATEWAY_PY) -m pytest -q $(GATEWAY_SECOND_PART); }

test-stream-gateway:
	@TIMEFORMAT="==> gateway side except $(GATEWAY_SECOND_PART): %0R s"; time { \
		echo "==> pytest, gateway side ($(GATEWAY_VENV)) except $(GATEWAY_SECOND_PART)" && \
		$(GATEWAY_PY) -m pytest -q $(GATEWAY_SECOND_PART:%=--ignore=%); }

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

# Load benchmark: the embedded profile over the gateway's WebSocket API against Rasa behind it
# and plain single-worker Rasa, one 200-turn chat, open-loop capacity, handover latency, cold
# start, training time (about 20 minutes plus a training; not part of `make test`).
# Writes the "Load" section of docs/BENCHMARKS.md and var/bench/load.json.
.PHONY: bench
bench: train
	@$(PY) -m bench.load

# Soak with faults (not part of `make test`): simulated citizens for SOAK_MINUTES (default 30),
# a random process killed every 3 minutes, SQLite's write lock held 10 s every 10 minutes.
# Writes the "Soak with faults" section of docs/BENCHMARKS.md and var/bench/soak.json.
.PHONY: soak
soak: train
	@$(PY) -m bench.soak --minutes $${SOAK_MINUTES:-30}

# Reliability and security suites: faults with the real processes, hostile input, personal
# data (SECURITY.md lists which test covers which threat). `make test` runs them too.
.PHONY: test-security
test-security: train browser-deps
	@echo "==> security and reliability tests"
	@$(PY) -m pytest -q tests/security tests/reliability
	@$(GATEWAY_PY) -m pytest -q tests/security tests/reliability
