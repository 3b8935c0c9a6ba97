# Roundtable: `make run` starts the server, `make test` runs every test. Both set themselves up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
# Without bytecode every server start compiles the whole stack again (tens of seconds on a busy machine).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast test-browser lint wire bench frontend venv system clean

run: venv frontend
	$(PY) -m app serve

# Every test runs: a missing browser or database server is installed (as root) or named, never skipped.
test: system venv frontend
	$(PY) -m pytest -m "not browser"
	$(PY) -m pytest -m browser

system:
	@bash tools/system-packages

test-fast: venv
	$(PY) -m pytest -m "not browser" -x -q

lint: venv frontend/node_modules/.installed
	$(VENV)/bin/ruff check app tests bench tools
	$(VENV)/bin/mypy app
	$(VENV)/bin/lint-imports --no-cache --no-logo
	@# The generated wire types must match the server's models (docs/adr/0011-the-wire-is-defined-once.md).
	@fresh=$$(mktemp -d) && trap 'rm -rf "$$fresh"' EXIT && \
	  $(PY) -m app wire-schema > "$$fresh/wire.schema.json" && \
	  (cd frontend && node scripts/wire-types.mjs "$$fresh/wire.schema.json" > "$$fresh/wire.ts") && \
	  diff -u frontend/src/shared/wire.schema.json "$$fresh/wire.schema.json" && diff -u frontend/src/shared/wire.ts "$$fresh/wire.ts" || \
	  { echo "frontend/src/shared/wire.ts is older than the server's models: run 'make wire' and commit it"; exit 1; }
	cd frontend && npx tsc --noEmit

# The wire's JSON Schema and its TypeScript, from the server's models (app/wire.py).
wire: venv frontend/node_modules/.installed
	$(PY) -m app wire-schema > frontend/src/shared/wire.schema.json
	cd frontend && node scripts/wire-types.mjs src/shared/wire.schema.json > src/shared/wire.ts.new && mv src/shared/wire.ts.new src/shared/wire.ts

# One event to N, then bursts, joins and events at N = 1,000 and 2,000 against the bare servers (15-25 min).
bench: venv frontend
	$(PY) bench/fanout.py --n 1000 --events 30
	$(PY) bench/bursts.py --n 1000 2000

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check uv
	$(VENV)/bin/uv pip install -q --compile-bytecode -p $(PY) -r requirements.txt -r requirements-dev.txt
	touch $@

frontend:
	@if [ -f frontend/package.json ]; then $(MAKE) -s frontend/dist/.built; fi

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend/dist/.built: frontend/node_modules/.installed $(shell find frontend/src frontend/build.mjs -type f 2>/dev/null)
	cd frontend && node build.mjs
	touch $@

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist
