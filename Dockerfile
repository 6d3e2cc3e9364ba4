# Production image of the MIA-DO-KI website: Gunicorn serving Django, static
# files from WhiteNoise, running as an unprivileged user.
#
#   docker build -t miado-site .
#
# Migrations and seed content are one-off commands, not part of the start-up,
# so that several containers never race to migrate the same database:
#
#   docker run --rm --env-file .env -v miado-data:/app/var miado-site python manage.py migrate --noinput
#   docker run --rm --env-file .env -v miado-data:/app/var -v miado-media:/app/media miado-site python manage.py load_seed
#   docker run --rm --env-file .env -v miado-data:/app/var -v miado-media:/app/media miado-site python manage.py strip_upload_metadata
#   docker run --rm --env-file .env -v miado-data:/app/var -v miado-media:/app/media miado-site python manage.py make_renditions
#   docker run -d --env-file .env -v miado-data:/app/var -v miado-media:/app/media -p 8000:8000 miado-site
#
# .env needs at least DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (README.md).
# The volumes matter for the SQLite default only; with DATABASE_URL the
# database lives elsewhere, uploads still go to /app/media.

# ---- build: dependencies, compiled translations, collected static files ----
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONUNBUFFERED=1

# GNU gettext provides msgfmt for compilemessages; it stays out of the runtime image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
# README.md is the package's readme in pyproject.toml, needed for its metadata.
COPY pyproject.toml README.md ./
RUN pip install ".[production]"

COPY manage.py ./
COPY miado_site ./miado_site
COPY editorial ./editorial
COPY photos ./photos
COPY search ./search
COPY pages ./pages
COPY goals ./goals
COPY feedback ./feedback
COPY templates ./templates
COPY static ./static
COPY locale ./locale

# DJANGO_ENV stays unset here, so the settings run as the embedded default. They
# only read and write nothing; the throwaway key exists only for this one step, no
# layer keeps it (it is never used to sign anything), and no key file is made that
# the image would copy.
RUN DJANGO_SECRET_KEY=build-only-throwaway-key python manage.py compilemessages -v0 \
    && DJANGO_SECRET_KEY=build-only-throwaway-key \
        python manage.py collectstatic --noinput -v0 \
    && python -m compileall -q manage.py miado_site editorial photos search pages goals feedback

# ---- runtime ----
FROM python:3.11-slim AS runtime

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_ENV=production \
    DJANGO_DATA_DIR=/app/var \
    DJANGO_MEDIA_ROOT=/app/media \
    GUNICORN_BIND=0.0.0.0:8000

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin app

WORKDIR /app

# Code, venv and static files stay owned by root: the app user cannot change them.
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app

# The only writable places: the SQLite database (default) and uploads.
RUN mkdir -p /app/var /app/media \
    && chown app:app /app/var /app/media

USER app

EXPOSE 8000

# Liveness only (/healthz, no database): restarting a container does not mend a
# database outage. Load balancers ask /readyz instead (docs/deploy.md). No curl in the
# slim image, so Python's http.client asks; /healthz needs neither HTTPS nor a listed
# Host, and only a 200 counts.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import http.client, os, sys; port = int(os.environ.get('GUNICORN_BIND', '0.0.0.0:8000').rsplit(':', 1)[-1]); conn = http.client.HTTPConnection('127.0.0.1', port, timeout=4); conn.request('GET', '/healthz'); sys.exit(conn.getresponse().status != 200)"]

CMD ["gunicorn", "--config", "miado_site/gunicorn_conf.py", "miado_site.wsgi:application"]
