# diplograph: `make demo` (set up and build the demo graph) and `make test` (set up and run the tests).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
PYTEST := $(BIN)/python -m pytest

.PHONY: demo install test test-slow test-all browser screenshot yasgui snapshot dictionaries clean help

help:
	@echo "make demo       create $(VENV), install diplograph, build graphs/demo.* from examples/articles"
	@echo "make test       install the test extras and run the fast tests"
	@echo "make test-slow  the slow tests (notebook, browser); CI runs both"
	@echo "make screenshot the README's pictures (explorer, YASGUI, actor page) in Chromium"
	@echo "make yasgui     fetch the YASGUI bundle (npm @zazuko/yasgui $(YASGUI_VERSION)) into the package"
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

# the README's pictures, rendered in Debian's Chromium: the seed article's graph; serve's YASGUI
# and actor page over the demo corpus
screenshot: $(VENV)/.installed-test browser
	$(BIN)/diplograph build ../shared/seeds/000_0d735557f46a095c.txt -o graphs/seed --no-progress --formats html
	$(BIN)/python tools/screenshot.py graphs/seed.html docs/seed-graph.png --click-edge invades
	$(BIN)/diplograph build examples/articles --store graphs/demo.store --no-progress --formats html -o graphs/demo
	$(BIN)/python tools/screenshot.py graphs/demo.html docs/explorer-actor.png --actor united_states
	$(BIN)/python tools/screenshot.py --serve graphs/demo.store / docs/yasgui.png --run-example between
	$(BIN)/python tools/screenshot.py --serve graphs/demo.store /id/actor/united_states docs/actor-page.png

# serve's query page loads YASGUI from the package; this fetches the pinned version from the npm
# registry with npm (which checks its integrity) and records its source in static/yasgui/SOURCE.json.
# Only needed to update the committed copy: an installed diplograph never fetches it.
YASGUI_VERSION ?= 4.6.2
yasgui: $(BIN)/python
	$(BIN)/python tools/update_yasgui.py --version $(YASGUI_VERSION)

# the recorded outputs that tests/test_snapshot.py compares against; review `git diff tests/snapshot` after
snapshot: $(VENV)/.installed
	$(BIN)/python tools/snapshot.py --write

# the CAMEO verb cues, agent nouns and officials converted from the PETRARCH2 dictionaries (tools/petrarch_convert.py)
dictionaries: $(VENV)/.installed
	$(BIN)/python tools/petrarch_convert.py

clean:
	rm -rf $(VENV) graphs/demo.* graphs/demo.store .pytest_cache
