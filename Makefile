# nianjian: `make serve` to preview, `make test` to run every test, `make test-fast` for the edit
# loop (no browser, PDF or slow tests), `make build` for site/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-tests
# Material 9.8 prints an end-of-life banner on every build; keep builds quiet.
export NO_MKDOCS_2_WARNING := 1

# The edition a build makes: 内部 (everything) or 公开 (nothing marked internal: nianjian/check/edition.py),
# and where it goes: `make build pdf EDITION=公开 SITE_DIR=site-public`.
EDITION ?= 内部
SITE_DIR ?= site

.PHONY: install serve build pdf test test-fast test-explore chromium benchmark audit clean

# The runtime (requirements.txt): what building and publishing need.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "需要 Python 3.11 或更新版本（当前：$$($(PYTHON) --version)）"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# What the tests add (requirements-test.txt), and ProperDocs, which the tests build with too.
$(TEST_STAMP): $(STAMP) requirements-test.txt requirements-properdocs.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-properdocs.txt
	@touch $@

install: $(STAMP) $(TEST_STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# Build next to site/ and swap only when the whole build (strict) succeeded,
# so a failed build never leaves a half-written site/. nianjian.web.publish also makes
# concurrent builds take turns (lock) and swaps atomically, so even a killed build
# leaves a complete site/.
build: $(STAMP)
	$(BIN)/python -m nianjian.web.publish --site-dir $(SITE_DIR) --edition $(EDITION)

# Browser tests drive Debian's chromium; install it when we may (root), else say so.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "浏览器测试需要 Debian 的 chromium：sudo apt-get install chromium"; exit 1; \
	  fi; }

# A4 PDF of every year page (downloads/report-YEAR.pdf) and the whole volume (downloads/volume.pdf),
# printed by headless Chromium from the built site/; the publish workflow runs it after make build.
pdf: build
	$(BIN)/python -m nianjian.paper.pdf --site-dir $(SITE_DIR) --edition $(EDITION)

# Every test, deterministic: property tests draw the same examples on every run (tests/conftest.py).
# Two workers, a test file each at a time (its module fixtures stay in one worker); then the
# resource-limited suite alone, which measures CPU time two commands at a time and is not
# to share the machine with other tests.
test: $(TEST_STAMP) chromium
	$(BIN)/python -m pytest -n 2 --dist loadfile --ignore=tests/test_limits.py
	$(BIN)/python -m pytest tests/test_limits.py

# The edit loop: everything but the browser, PDF and slow tests (pytest markers), in under a minute.
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -m "not browser and not pdf and not slow" -q

# New examples for the property tests, from a random seed; what fails is kept in
# tests/hypothesis-examples/ (commit it, and add the example as an @example to its test).
test-explore: $(TEST_STAMP)
	NIANJIAN_HYPOTHESIS=explore $(BIN)/python -m pytest -m hypothesis -q

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py

# Lighthouse (npm, pinned, into .cache/lighthouse) on five page types, mobile and desktop, five
# runs each, the site served compressed as the README says: figures for notes, not a test.
audit: build chromium
	$(BIN)/python scripts/audit.py --site-dir site

clean:
	rm -rf site .site.new .site.old .site.lock $(VENV)
