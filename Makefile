# Two commands for a fresh machine with Python 3.11+ and make: `make site`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# Reproducible builds: dates in the sitemap come from the last commit, never the build clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 946684800)
export SOURCE_DATE_EPOCH

.PHONY: site test serve check lint clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Bulk import (pandas) and the tests' tools are only installed for `make test`.
$(TEST_STAMP): $(STAMP) requirements-import.lock requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock \
		-r requirements-import.lock -r requirements-test.lock
	touch $(TEST_STAMP)

# All-or-nothing (perfsite.site.publish): one build at a time, built aside, swapped in atomically;
# on any error site/ keeps the previous build. A build with >10% fewer programmes than the live
# site stops unless PERFSITE_ALLOW_DROP=1 (docs/operator.md).
site: $(STAMP)
	PERFSITE_SEARCH=$${PERFSITE_SEARCH:-1} $(BIN)/perfsite build --site-dir site

serve: $(STAMP)
	$(BIN)/perfsite serve

check: $(STAMP)
	$(BIN)/perfsite check data

# One test process per core (pytest-xdist); a module's tests stay in one process, so a site a module
# builds once for all its tests is built once, not once per process; xdist's own order (tests/README.md
# says why not the longest modules first).
# The tests' scratch (sites built and thrown away, imports synced with syncfs) goes to memory where
# /dev/shm has 4 GB free and TMPDIR is not set: on a 2-core VM's ext4 disk the same modules spent
# 40% more time in the kernel and waited on the disk (tests/README.md).
TEST_TMP := $(shell df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 && $$4 > 4194304 {print "/dev/shm"}')

test: $(TEST_STAMP)
	$(BIN)/ruff check perfsite perfsite_mkdocs hooks tests bench
	TMPDIR=$${TMPDIR:-$(TEST_TMP)} $(BIN)/python -m pytest -n auto --dist loadfile

clean:
	rm -rf site $(VENV)
