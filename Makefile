# Roundtable: `make run` starts the server, `make test` runs every test. Both set themselves up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
# Without bytecode every server start compiles the whole stack again (tens of seconds on a busy machine).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast test-browser lint bench frontend venv system clean

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

lint: venv
	$(VENV)/bin/ruff check app tests bench tools
	$(VENV)/bin/mypy app
	$(VENV)/bin/lint-imports --no-cache --no-logo

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
