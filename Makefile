# diplograph: `make demo` (set up and build the demo graph) and `make test` (set up and run the tests).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
PYTEST := $(BIN)/python -m pytest

.PHONY: demo install test test-slow test-all browser screenshot snapshot dictionaries clean help

help:
	@echo "make demo       create $(VENV), install diplograph, build graphs/demo.* from examples/articles"
	@echo "make test       install the test extras and run the fast tests"
	@echo "make test-slow  the slow tests (notebook, browser); CI runs both"
	@echo "make snapshot   regenerate tests/snapshot/ (outputs on the gold files and examples) after an intended change"
	@echo "make dictionaries  rewrite the tables converted from ../shared/reference/petrarch2 (CAMEO verbs, agents, officials)"
	@echo "make clean      remove $(VENV) and generated graphs"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# exact versions of every package (transitive ones too) are in constraints.txt, so installs repeat
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install -q -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q -c constraints.txt -e ".[test]"
	@touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/diplograph build examples/articles -o graphs/demo --no-progress
	@echo
	@echo "Open graphs/demo.html in a browser (it works offline)."
	@echo "Query it:  $(BIN)/diplograph query graphs/demo.ttl \"SELECT ?a ?b WHERE { ?a dg:accuses ?b }\""

test: $(VENV)/.installed-test
	$(PYTEST) -m "not slow"

test-slow: $(VENV)/.installed-test browser
	$(PYTEST) -m "slow"

test-all: test test-slow

# Debian's Chromium for the browser tests (no browser download); needs root or sudo, skipped otherwise
browser:
	@.ci/install-chromium || echo "warning: Chromium not installed; browser tests will be skipped"

# the README's picture: the seed article's graph, rendered in Debian's Chromium
screenshot: $(VENV)/.installed-test browser
	$(BIN)/diplograph build ../shared/seeds/000_0d735557f46a095c.txt -o graphs/seed --no-progress --formats html
	$(BIN)/python tools/screenshot.py graphs/seed.html docs/seed-graph.png --click-edge invades

# the recorded outputs that tests/test_snapshot.py compares against; review `git diff tests/snapshot` after
snapshot: $(VENV)/.installed
	$(BIN)/python tools/snapshot.py --write

# the CAMEO verb cues, agent nouns and officials converted from the PETRARCH2 dictionaries (tools/petrarch_convert.py)
dictionaries: $(VENV)/.installed
	$(BIN)/python tools/petrarch_convert.py

clean:
	rm -rf $(VENV) graphs/demo.* .pytest_cache
