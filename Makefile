# The README's commands. `make run` serves the demo site; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages the project needs: gettext compiles translations, chromium runs
# the browser tests, a Java runtime runs the W3C Nu HTML checker, libical (through
# Debian's Python) checks the calendar feeds as an independent parser, Pango lays out PDFs (WeasyPrint),
# nginx with the cache-purge module fronts the production stack, wrk measures it (bench/stack.py).
SYSTEM_PACKAGES := gettext chromium default-jre-headless fonts-dejavu-core python3-gi gir1.2-ical-3.0 libpango-1.0-0 libpangoft2-1.0-0 \
	nginx libnginx-mod-http-cache-purge wrk

.PHONY: run prod test test-fast lint check install system-packages messages demo clean screenshots

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

system-packages:
	@missing=""; for pkg in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

install: system-packages $(VENV)/.installed

messages: install
	$(MANAGE) compilemessages --ignore=.venv -v 0

# Install, migrate, load the demo content, then serve the site with a task worker.
run: messages
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) load_demo_content
	$(MANAGE) send_event_reminders --schedule
	$(MANAGE) send_council_digest --schedule
	$(MANAGE) send_escort_reminders --schedule
	$(MANAGE) send_employment_follow_ups --schedule
	$(MANAGE) poll_handoff --schedule
	$(MANAGE) retry_outbox --schedule
	@echo "Serving on http://$(HOST):$(PORT)/ with a task worker; Ctrl-C stops both."
	@trap 'kill 0' INT TERM EXIT; \
		$(MANAGE) task_worker & \
		$(MANAGE) runserver $(HOST):$(PORT)

# The production stack on this machine: nginx, 2 gunicorn app servers, 2 task workers, PostgreSQL
# and Redis (DATABASE_URL and REDIS_URL, defaults: the local servers), at http://127.0.0.1:8080/.
prod: messages
	$(BIN)/python deploy/stack.py

# The whole suite, browser tests included; DATABASE_URL=postgres://... runs it on PostgreSQL.
test: messages
	$(BIN)/pytest -n 2 --create-db

test-fast: messages
	$(BIN)/pytest -n 2 -m "not e2e"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: messages lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check_translations

# A PNG of every public page and staff screen at 1280 and 390 px, with an index: var/screenshots/index.html.
screenshots: messages
	$(BIN)/python tests/e2e/screenshots.py

# Refresh the Turkish catalogue after changing user-facing strings.
makemessages: install
	$(MANAGE) makemessages -l tr --ignore=.venv --ignore=test-results --ignore=tests --ignore=bench --no-obsolete --no-location

clean:
	rm -rf $(VENV) static test-results .pytest_cache
