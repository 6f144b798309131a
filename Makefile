# Quick start: `make build` (set up, then build every bundled pack into out/)
#              `make test`  (set up, then run the whole test suite)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup build test bench sources clean system-deps

# System packages: python3-venv to create the virtualenv; LibreOffice (PDF output and the
# tests that check our .docx files open), poppler-utils (pdftotext in tests) and pandoc
# (benchmark peer). Installed only when missing and only when we may (root or sudo).
system-deps:
	@./.ci/system-deps

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1 || ./.ci/system-deps python
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

setup: $(STAMP)

build: setup system-deps
	$(VENV)/bin/docgen build -o out

test: setup system-deps
	$(VENV)/bin/pytest -q

bench: setup system-deps
	$(PY) -m pip install --quiet -r requirements-bench.lock
	$(PY) bench/run.py

# Regenerate the bundled source documents (they are committed; this is how they were made).
sources: setup
	$(PY) sources/generate.py

clean:
	rm -rf out .pytest_cache .hypothesis
