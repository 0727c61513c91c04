# Two commands for a new machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test serve install install-dev migrate demo messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_superuser

run: demo
	@echo "Site: http://127.0.0.1:$(PORT)/   Admin: http://127.0.0.1:$(PORT)/admin/"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# pytest-xdist: one worker per core, each taking the tests in pytest-django's order (transactional ones last,
# as their teardown empties the database);
# TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= auto
test: install-dev
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

# Production-style serving with gunicorn; the environment must carry the production settings (README).
# Beside it, at low priority, the worker that sends the queued participants' e-mails (none to run with
# EMAIL_QUEUE=immediate); it stops when gunicorn does.
serve: install
	DJANGO_SETTINGS_MODULE=vvgsite.settings.production $(MANAGE) collectstatic --noinput
	export DJANGO_SETTINGS_MODULE=vvgsite.settings.production; \
	if [ "$${EMAIL_QUEUE:-database}" != immediate ]; then \
		nice -n 10 $(MANAGE) db_worker --backend emails & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	fi; \
	$(BIN)/gunicorn --pythonpath site vvgsite.wsgi \
		--bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

# Rebuild the Lithuanian catalogues of the site and of each plugin app (needs gettext's msgfmt).
messages: install
	$(BIN)/python scripts/messages.py update
	$(BIN)/python scripts/messages.py missing

# Throughput of every page type, cached and uncached, against nginx serving static HTML; a few minutes
# of load on loopback, never part of `make test`. BASE_URL=http://host:port measures another site (README).
bench: install
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) .pytest_cache test-results static_collected
