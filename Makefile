# The README's two commands: `make demo` and `make test`. Both start with `make install`,
# which builds .venv from the pinned requirements.lock and does nothing when it is current.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo test lint bench bench-api clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/research ingest data/seed
	$(BIN)/research serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check research api tests benchmarks
	$(BIN)/mypy

bench: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[bench]'
	$(BIN)/python benchmarks/ingest_speed.py
	$(BIN)/python benchmarks/extract_speed.py
	$(BIN)/python benchmarks/corpus_scaling.py

# The API under load against Datasette: needs wrk (apt-get install wrk) and about 15 minutes.
bench-api: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[bench]'
	$(BIN)/python benchmarks/api_load.py

clean:
	rm -rf $(VENV) data/store .pytest_cache .mypy_cache .ruff_cache .hypothesis
