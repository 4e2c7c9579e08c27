# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
# Both create or refresh the virtual environment in .venv from the pinned requirements.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EXAMPLES := src/pinspect/examples

PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
# pytest-xdist workers (auto: one per core); each gets its own test database.
PYTEST_WORKERS ?= auto
SYSTEM_STAMP := $(VENV)/.system-stamp
# Debian packages: Chromium for the browser tests, Pango and fonts for WeasyPrint's PDFs.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo serve web-demo cli-demo test e2e lint typecheck imports unit postgres migrations bench clean lock

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Installs the Debian packages only when one is missing (apt needs root; sudo otherwise).
$(SYSTEM_STAMP): Makefile
	@mkdir -p $(VENV)
	@if dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
		echo "system packages present: $(SYSTEM_PACKAGES)"; \
	else \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			$(SYSTEM_PACKAGES); \
	fi
	touch $(SYSTEM_STAMP)

## demo: the web application on http://127.0.0.1:8000: creates the SQLite database in
## PINSPECT_DATA_DIR (default ./data), loads the frameworks, creates the demo users and a
## synthetic PDU inspection under hmip-2023-pdu (sampled, half assessed), prints the users, serves
demo: $(STAMP) $(SYSTEM_STAMP)
	$(BIN)/python -m pinspect.web pinspect_demo

## serve: the production server for a team, against PostgreSQL from DATABASE_URL (with
## PINSPECT_SECRET_KEY and PINSPECT_ALLOWED_HOSTS): migrates, collects the static files, then
## gunicorn and the background-job workers in one command (see docs/deployment.md)
serve: $(STAMP) $(SYSTEM_STAMP)
	@test -n "$$DATABASE_URL" || { echo "make serve needs DATABASE_URL=postgresql://... (make demo runs on SQLite)" >&2; exit 2; }
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-pinspect.web.settings.production} \
		$(BIN)/python -m pinspect.web pinspect_serve

# The former name of `make demo`.
web-demo: demo

## cli-demo: the command line: the frameworks, a sample drawn from a fictional long list, an
## example inspection rated, and a fictional PDU's inspections over time
cli-demo: $(STAMP)
	$(BIN)/pinspect frameworks list
	@echo
	$(BIN)/pinspect frameworks diff hmip-2021-pdu hmip-2023-pdu | head -n 24
	@echo
	$(BIN)/python -m pinspect.synthetic out/demo/longlist.csv --rows 3000 --seed 2026 --today 2026-11-01
	$(BIN)/pinspect sample out/demo/longlist.csv --confidence 0.8 --margin 0.05 --seed 2026 \
		--today 2026-11-01 --out out/demo/sample.csv
	@echo
	$(BIN)/pinspect rate --framework hmip-2023-pdu \
		--cases $(EXAMPLES)/hmip-2023-pdu-cases.csv \
		--judged $(EXAMPLES)/hmip-2023-pdu-judged.csv \
		--attributes $(EXAMPLES)/hmip-2023-pdu-attributes.csv --by sex
	@echo
	$(BIN)/pinspect frameworks crosswalk hmip-2021-pdu hmip-2023-pdu | head -n 30
	@echo
	$(BIN)/pinspect trend $(EXAMPLES)/anytown-pdu.yaml

## test: lint, type-check, layer contract, migrations, the whole suite, the web suite on PostgreSQL
test: $(STAMP) $(SYSTEM_STAMP) lint typecheck imports migrations unit postgres

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)

# mypy's Django plugin loads the web settings, which create the data directory: a throwaway one.
typecheck: $(STAMP)
	PINSPECT_DEMO=1 PINSPECT_DATA_DIR=$$(mktemp -d) $(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP) $(SYSTEM_STAMP)
	$(BIN)/pytest -n $(PYTEST_WORKERS)

## e2e: the browser tests only (Playwright driving Debian's Chromium; axe-core checks)
e2e: $(STAMP) $(SYSTEM_STAMP)
	$(BIN)/pytest tests/web/e2e

migrations: $(STAMP)
	PINSPECT_DEMO=1 PINSPECT_DATA_DIR=$$(mktemp -d) $(BIN)/python -m pinspect.web makemigrations --check --dry-run

# The web suite again on PostgreSQL. Required when CI=true or PINSPECT_REQUIRE_POSTGRES is set;
# skipped, with a message, on a developer machine where no server answers.
postgres: $(STAMP)
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "web tests on PostgreSQL ($(PG_URL))"; \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) tests/web; \
	elif [ "$${CI:-}" = "true" ] || [ -n "$${PINSPECT_REQUIRE_POSTGRES:-}" ]; then \
		echo "PostgreSQL was expected at $(PG_URL) but did not answer" >&2; exit 1; \
	else \
		echo "PostgreSQL does not answer at $(PG_URL): its run is skipped here (CI requires it)"; \
	fi

## bench: the benchmarks print figures and ratios against a baseline run in the same process
bench: $(STAMP)
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

## lock: re-pin the dependencies after changing pyproject.toml
lock:
	rm -rf /tmp/pinspect-lock && $(PYTHON) -m venv /tmp/pinspect-lock
	/tmp/pinspect-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/pinspect-lock/bin/pip freeze --exclude-editable | grep -v '^pinspect' > requirements.lock

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
