# tribune: two commands on a fresh machine.
#   make demo   set up .venv, ingest the bundled sample corpus, print what was found
#   make test   set up .venv (with test tools and a headless browser where possible), run the tests

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= demo.duckdb
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: demo test install clean bench

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[web,dev]"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

demo: install
	@rm -f $(DB) $(DB).wal
	$(BIN)/tribune ingest data/sample/articles --db $(DB)
	$(BIN)/tribune summary --db $(DB)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) *.duckdb *.duckdb.wal .pytest_cache
