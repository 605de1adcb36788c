# tribune: two commands on a fresh machine.
#   make demo   set up .venv, ingest the bundled sample corpus, print what was found
#   make test   set up .venv with the test tools, Ray and a headless browser, run the tests
#   make train  rebuild the learned model files (src/tribune/events/models/) from ../shared/data

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= demo.duckdb
HASH := $(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: demo test install install-test install-train browser clean bench train

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.demo-$(HASH): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[web]"
	@touch $@

$(VENV)/.test-$(HASH): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[web,dev,scale,train]"
	@touch $@

install: $(VENV)/.demo-$(HASH)

install-test: $(VENV)/.test-$(HASH)

$(VENV)/.train-$(HASH): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[train]"
	@touch $@

install-train: $(VENV)/.train-$(HASH)

# Debian's Chromium for the browser tests (never a browser download by Playwright).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; } \
		|| echo "warning: could not install chromium; browser tests will be skipped"

demo: install
	@rm -f $(DB) $(DB).wal
	$(BIN)/tribune ingest data/sample/articles --db $(DB)
	$(BIN)/tribune summary --db $(DB)
	@echo "Open the web UI:  $(BIN)/tribune serve --db $(DB)   (then http://127.0.0.1:8000/)"

test: install-test browser
	$(BIN)/python -m pytest -q

# Rebuild the shipped model files from ../shared/data (news-dev and the sample gold), fixed seed.
train: install-train
	$(BIN)/python train/models.py

bench: install-test
	$(BIN)/python bench/tempeval3.py

clean:
	rm -rf $(VENV) *.duckdb *.duckdb.wal .pytest_cache
