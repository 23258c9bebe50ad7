# Amparo set-up. The two commands a newcomer needs: `make demo` and `make test`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
SURVIVORS ?= 2000
# pytest-xdist workers; the live-server browser tests run fine in parallel.
TEST_WORKERS ?= 2
PYTEST_ARGS ?=

# Installs are redone only when what they depend on changes.
VENV_STAMP := $(VENV)/.installed
ASSETS_STAMP := node_modules/.installed

# The demo keeps its own database and keys under var/ (never committed): the
# data is encrypted with those keys, so they are generated once and kept.
DEMO_ENV := var/demo.env
DEMO_SETTINGS := AMPARO_ENV=development DEBUG=false AMPARO_REQUIRE_MFA=false \
	AMPARO_TASKS_IMMEDIATE=true DJANGO_SETTINGS_MODULE=config.settings \
	DATABASE_URL=sqlite:///$(CURDIR)/var/demo.sqlite3
WITH_DEMO_ENV := set -a && . ./$(DEMO_ENV) && set +a && export $(DEMO_SETTINGS) &&

.PHONY: help venv assets demo run test lint

help:
	@echo "make demo   set up, seed ~$(SURVIVORS) fictional survivors, serve on http://$(HOST):$(PORT)"
	@echo "make test   run the test suite (DATABASE_URL=postgres://... to use PostgreSQL)"
	@echo "make run    serve the demo database without seeding"
	@echo "make lint   ruff check and format check, the import-direction contract, mypy"

venv: $(VENV_STAMP)

$(VENV_STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

assets: $(ASSETS_STAMP)

# The lock file is committed; it is created only if someone deleted it.
$(ASSETS_STAMP): package.json $(wildcard package-lock.json)
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; \
	else npm install --no-audit --no-fund; fi
	touch $@

$(DEMO_ENV): | $(VENV_STAMP)
	mkdir -p var
	umask 077 && { \
		echo "# Demo secrets, generated once by 'make demo'. var/demo.sqlite3 is encrypted"; \
		echo "# with these keys: delete both files together or keep both."; \
		$(BIN)/python -m amparo.core.keys; \
	} > $@.tmp && mv $@.tmp $@

define prepare
	@$(WITH_DEMO_ENV) $(MANAGE) migrate --noinput -v0
	@if find amparo/locale -name '*.po' 2>/dev/null | grep -q .; then \
		if command -v msgfmt >/dev/null; then \
			$(WITH_DEMO_ENV) $(MANAGE) compilemessages -v0 --ignore=.venv --ignore=node_modules; \
		else echo "msgfmt not found (apt-get install gettext): using the committed .mo files"; fi; \
	fi
	@$(WITH_DEMO_ENV) $(MANAGE) collectstatic --noinput -v0
endef

define serve
	@echo
	@echo "Amparo demo on http://$(HOST):$(PORT)"
	@echo "Sign in as e.g. supervisor@justicia.demo or caseworker@justicia.demo, password amparo-demo-2025."
	@echo "(All accounts: README.md, 'The demo'.) Stop with Ctrl-C."
	@$(WITH_DEMO_ENV) exec $(BIN)/gunicorn -c config/gunicorn.conf.py config.wsgi --bind $(HOST):$(PORT) \
		--workers 2 --access-logfile - --log-level warning
endef

demo: $(VENV_STAMP) $(ASSETS_STAMP) $(DEMO_ENV)
	$(prepare)
	@$(WITH_DEMO_ENV) $(MANAGE) seed --survivors $(SURVIVORS) --if-fresh
	$(serve)

run: $(VENV_STAMP) $(ASSETS_STAMP) $(DEMO_ENV)
	$(prepare)
	$(serve)

test: $(VENV_STAMP) $(ASSETS_STAMP)
	$(BIN)/pytest $(if $(filter-out 0 1,$(TEST_WORKERS)),-n $(TEST_WORKERS)) $(PYTEST_ARGS)

lint: $(VENV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
