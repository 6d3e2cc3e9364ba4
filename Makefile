# Every target runs inside .venv, which the first target that needs it creates.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Where `make run` and `make dev` serve: `PORT=8300 make run`.
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run dev test test-postgres browser-deps observatory lint format messages superuser reset-db setup data-dir system-deps test-deps soak bench audit

help:
	@echo "make run        set up everything and serve the site at http://$(HOST):$(PORT)/"
	@echo "make dev        the same with Django's development server and DEBUG on"
	@echo "make test       install what the tests need and run the whole suite"
	@echo "make test-postgres  the suite on a throw-away PostgreSQL server only"
	@echo "make bench      measure pages against a static file with wrk; writes docs/performance.md"
	@echo "make audit      Lighthouse scores and page weights of home and news pages; writes docs/audit.md"
	@echo "make superuser  create an admin login"
	@echo "make observatory  Mozilla HTTP Observatory grade of the site in production mode"
	@echo "make lint       the pre-commit hooks (ruff, django-upgrade, djade, import-linter), migration check"
	@echo "make format     format the code with ruff"
	@echo "make messages   update locale/*/LC_MESSAGES/django.po from the code"
	@echo "make reset-db   delete the local database and load the seed content afresh"
	@echo "make soak       load and fault test on loopback (wrk, PostgreSQL, Redis), with a summary"

# Debian packages the site needs: gettext for compilemessages/makemessages.
APT := apt-get -o DPkg::Lock::Timeout=600
APT_INSTALL := $(APT) install -y -qq
system-deps:
	@command -v msgfmt >/dev/null || ($(APT) update -qq && $(APT_INSTALL) gettext >/dev/null)

# ...and what only the tests need: redis-server for the tests of the shared cache.
# (tests/with_postgres.sh installs PostgreSQL, browser-deps Chromium.)
test-deps: system-deps
	@command -v redis-server >/dev/null || ($(APT) update -qq && $(APT_INSTALL) redis-server >/dev/null)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads one).
browser-deps:
	@test -x /usr/bin/chromium || ($(APT) update -qq && $(APT_INSTALL) chromium >/dev/null)

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet ".[production,test]"
	touch $@

# The data folder (DJANGO_DATA_DIR, var/) and, once, the embedded default's secret key:
# the settings only read them, so this runs before any manage.py.
data-dir: | $(PY)
	$(PY) -m miado_site.data_dir

setup: system-deps $(VENV)/.installed data-dir
	$(MANAGE) migrate --noinput
	$(MANAGE) compilemessages --ignore=$(VENV) -v0
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) load_seed
	$(MANAGE) strip_upload_metadata -v0
	$(MANAGE) make_renditions -v0

# Gunicorn's config reads its address from GUNICORN_BIND, as in the container; set from
# HOST and PORT here rather than with --bind, which would override the config unseen.
run: setup
	GUNICORN_BIND=$(HOST):$(PORT) $(VENV)/bin/gunicorn --config miado_site/gunicorn_conf.py miado_site.wsgi:application

dev: setup
	DJANGO_DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

superuser: setup
	$(MANAGE) createsuperuser

# Lint first: a wrong-way import or an unformatted file fails here as in a commit.
test: test-deps browser-deps $(VENV)/.installed data-dir lint
	$(MANAGE) compilemessages --ignore=$(VENV) -v0
	$(PY) -m pytest
	$(PY) -m pytest -m third_language --ds=tests.settings_third_language
	tests/with_postgres.sh $(PY) -m pytest

# The whole suite again on a throw-away PostgreSQL server (installed if missing).
test-postgres: test-deps browser-deps $(VENV)/.installed data-dir
	$(MANAGE) compilemessages --ignore=$(VENV) -v0
	tests/with_postgres.sh $(PY) -m pytest

# Mozilla HTTP Observatory grade of a production-mode Gunicorn, scanned in a private
# network namespace on this machine (needs root for that, and npm).
observatory: $(VENV)/.installed
	bash .ci/observatory

# The hooks of .pre-commit-config.yaml over every tracked file, as at a commit (those
# that fix, fix in place), then the migration check, which needs the settings.
lint: $(VENV)/.installed data-dir
	$(VENV)/bin/pre-commit run --all-files --show-diff-on-failure
	$(MANAGE) makemigrations --check --dry-run

format: $(VENV)/.installed
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

messages: system-deps $(VENV)/.installed data-dir
	$(MANAGE) makemessages --all --no-obsolete --ignore=$(VENV) --ignore=staticfiles --ignore=tests --add-location=file

reset-db: $(VENV)/.installed data-dir
	rm -f var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed
	$(MANAGE) strip_upload_metadata -v0
	$(MANAGE) make_renditions -v0

# Not part of `make test`: about two minutes of load on loopback, see tests/soak.py.
soak: test-deps $(VENV)/.installed data-dir
	@command -v wrk >/dev/null || ($(APT) update -qq && $(APT_INSTALL) wrk >/dev/null)
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || ($(APT) update -qq && $(APT_INSTALL) postgresql >/dev/null)
	$(MANAGE) compilemessages --ignore=$(VENV) -v0
	$(PY) -m tests.soak

# Throughput against a static file, with wrk (installed if missing); writes docs/performance.md.
bench: system-deps $(VENV)/.installed data-dir
	$(MANAGE) compilemessages --ignore=$(VENV) -v0
	$(PY) -m tests.bench

# Lighthouse (npm, pinned, installed into var/ if missing) with Debian's Chromium on home and
# news pages in both languages, production settings; writes docs/audit.md. Not part of `make test`.
audit: system-deps browser-deps $(VENV)/.installed data-dir
	$(MANAGE) compilemessages --ignore=$(VENV) -v0
	$(PY) -m tests.audit
