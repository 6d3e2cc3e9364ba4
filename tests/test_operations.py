"""What an operator sees: health probes, log lines, error reports."""

import gzip
import io
import json
import logging
import re
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import brotli
import sentry_sdk
from django.conf import settings
from django.core import mail
from django.db import connection
from django.db.utils import OperationalError
from django.test import SimpleTestCase, TestCase, override_settings

from .live_server import clean_env

PRODUCTION_LIKE = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "ALLOWED_HOSTS": ["www.example.de"],
}


class HealthEndpointTests(TestCase):
    def test_liveness_answers_without_the_database(self):
        with mock.patch.object(connection, "cursor", side_effect=AssertionError("no DB")):
            response = self.client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}

    def test_readiness_checks_database_and_cache(self):
        response = self.client.get("/readyz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}

    def test_readiness_fails_with_503_when_the_database_is_down(self):
        with mock.patch(
            "django.db.models.query.QuerySet.count", side_effect=OperationalError("db1.intern")
        ):
            response = self.client.get("/readyz")
        assert response.status_code == 503
        assert response.json() == {
            "status": "unavailable",
            "database": "unavailable",
            "cache": "ok",
        }
        assert b"db1.intern" not in response.content

    def test_readiness_fails_with_503_when_the_cache_is_down(self):
        with mock.patch("django.core.cache.cache.set", side_effect=ConnectionError("redis1")):
            response = self.client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["cache"] == "unavailable"
        assert b"redis1" not in response.content

    def test_readiness_fails_until_the_newest_migration_is_applied(self):
        newer_code = [("pages", "9999_from_the_next_release")]
        with mock.patch("miado_site.health.expected_migrations", return_value=newer_code):
            response = self.client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["database"] == "unavailable"

    @override_settings(**PRODUCTION_LIKE)
    def test_probes_work_over_plain_http_with_an_ip_address_as_host(self):
        for path in ["/healthz", "/readyz"]:
            response = self.client.get(path, headers={"host": "10.0.3.17:8000"})
            assert response.status_code == 200, path
        # Everything else still insists on HTTPS and a known host name.
        assert self.client.get("/de/", headers={"host": "10.0.3.17:8000"}).status_code == 400
        assert self.client.get("/de/", headers={"host": "www.example.de"}).status_code == 301

    def test_probes_are_never_cached_and_leak_nothing(self):
        for path in ["/healthz", "/readyz"]:
            response = self.client.get(path)
            assert "no-store" in response["Cache-Control"]
            assert "Set-Cookie" not in response
            body = response.content.decode().lower()
            for secret in ["django", "python", "postgres", "sqlite", "5.2", "localhost"]:
                assert secret not in body, (path, secret)


class RequestLogTests(TestCase):
    def capture(self, logger_name="django.request"):
        """The console handler's output, formatted as in production."""
        handler = next(h for h in logging.getLogger("django").handlers if h.name == "console")
        stream = io.StringIO()
        patcher = mock.patch.object(handler, "stream", stream)
        patcher.start()
        self.addCleanup(patcher.stop)
        return stream

    def test_log_lines_are_json_with_the_request_id_of_the_response(self):
        output = self.capture()
        response = self.client.get("/de/seite/gibt-es-nicht/")
        assert response.status_code == 404
        request_id = response["X-Request-ID"]
        lines = [json.loads(line) for line in output.getvalue().splitlines()]
        assert lines, "the 404 should have been logged"
        assert lines[-1]["request_id"] == request_id
        assert lines[-1]["level"] == "WARNING"
        assert "/de/seite/gibt-es-nicht/" in lines[-1]["message"]

    def test_a_sane_incoming_request_id_is_kept_and_a_bad_one_replaced(self):
        response = self.client.get("/healthz", headers={"x-request-id": "lb-7f3a9c21-0001"})
        assert response["X-Request-ID"] == "lb-7f3a9c21-0001"
        response = self.client.get("/healthz", headers={"x-request-id": 'x"\n{"level": "forged"}'})
        assert response["X-Request-ID"] != 'x"\n{"level": "forged"}'
        assert len(response["X-Request-ID"]) == 32
        # Every request gets its own.
        assert (
            self.client.get("/healthz")["X-Request-ID"]
            != self.client.get("/healthz")["X-Request-ID"]
        )


@override_settings(ADMINS=[("Webmaster", "webmaster@example.de")], DEBUG=False)
class ErrorReportTests(TestCase):
    def test_an_unhandled_error_mails_the_admins_and_shows_the_error_page(self):
        self.client.raise_request_exception = False
        with mock.patch(
            "miado_site.views.HomeView.get_context_data", side_effect=RuntimeError("kaputt")
        ):
            response = self.client.get("/de/")
        assert response.status_code == 500
        assert "Technischer Fehler" in response.content.decode()
        assert "kaputt" not in response.content.decode()
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["webmaster@example.de"]
        assert "RuntimeError" in mail.outbox[0].body

    def test_a_failing_readiness_probe_mails_nobody(self):
        with mock.patch("django.core.cache.cache.set", side_effect=ConnectionError("redis1")):
            assert self.client.get("/readyz").status_code == 503
        assert mail.outbox == []


class ConfigurationDocsTests(SimpleTestCase):
    def test_every_environment_variable_is_documented_in_readme_and_env_example(self):
        code = "".join(
            (settings.BASE_DIR / "miado_site" / name).read_text()
            for name in ["settings.py", "gunicorn_conf.py", "data_dir.py"]
        )
        read = set(
            re.findall(r'(?:environ\.get|env_bool|env_list|env=)\(?\s*"([A-Z][A-Z0-9_]+)"', code)
        )
        assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "SENTRY_DSN", "WEB_CONCURRENCY"} <= read
        readme = (settings.BASE_DIR / "README.md").read_text()
        example = (settings.BASE_DIR / ".env.example").read_text()
        for name in sorted(read):
            assert f"`{name}`" in readme, f"{name} is missing in README.md"
            # Optional ones may be shown commented out.
            assert re.search(rf"^#?{name}=", example, re.M), f"{name} is missing in .env.example"
        # One row each in the README's table, so no two rows can tell different stories.
        rows = re.findall(r"^\| (`[A-Z][^|]*) \|", readme, re.M)
        documented = [name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)]
        repeated = sorted({name for name in documented if documented.count(name) > 1})
        assert repeated == [], f"documented twice in README.md: {repeated}"

    def test_readme_set_up_gives_two_commands_and_says_where_the_data_lives(self):
        readme = (settings.BASE_DIR / "README.md").read_text()
        set_up = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
        commands = re.findall(r"^(make \S+)", set_up, re.M)
        assert commands == ["make run", "make test"]
        for place in ["`var/`", "`media/`"]:
            assert place in set_up, place
        # What the site keeps in var/, by name.
        for thing in ["database", "secret key", "counters", "content-version stamp"]:
            assert thing in set_up, thing


SENTRY_SCRIPT = """
from unittest import mock
import sentry_sdk
from django.core.management import call_command
from django.test import Client

call_command("migrate", verbosity=0)
home = "miado_site.views.HomeView.get_context_data"
with mock.patch(home, side_effect=RuntimeError("kaputt-4711")):
    response = Client(raise_request_exception=False).get("/de/", headers={"host": "localhost"})
sentry_sdk.flush(timeout=10)
print(response.status_code)
"""


SENTRY_START = """
import django
import sentry_sdk

import miado_site.settings

print(sentry_sdk.get_client().is_active())
django.setup()
client = sentry_sdk.get_client()
print(client.is_active(), client.options["environment"], client.options["send_default_pii"])
"""


class SentryTests(SimpleTestCase):
    def test_without_a_dsn_nothing_is_sent_anywhere(self):
        assert not sentry_sdk.get_client().is_active()

    def test_the_settings_only_read_the_dsn_and_the_app_starts_sentry(self):
        # So Gunicorn and every management command report, and importing the settings
        # (a tool, a test) starts nothing.
        with tempfile.TemporaryDirectory() as folder:
            result = subprocess.run(
                [sys.executable, "-c", SENTRY_START],
                cwd=settings.BASE_DIR,
                env=clean_env(
                    DJANGO_SETTINGS_MODULE="miado_site.settings",
                    DJANGO_DATA_DIR=folder,
                    DJANGO_SECRET_KEY="sentry-test-" + "x" * 50,
                    SENTRY_DSN="http://publickey@127.0.0.1:9/1",
                ),
                capture_output=True,
                text=True,
                timeout=60,
            )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["False", "True", "embedded", "False"]

    def test_with_a_dsn_an_unhandled_error_reaches_sentry(self):
        received = []

        class FakeSentry(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                encoding = self.headers.get("Content-Encoding")
                body = {"gzip": gzip.decompress, "br": brotli.decompress}.get(encoding, bytes)(body)
                received.append(body.decode())
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSentry)
        self.addCleanup(server.server_close)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.shutdown)
        with tempfile.TemporaryDirectory() as folder:
            env = clean_env(
                DJANGO_DATA_DIR=folder,
                # Plain static files storage: no collectstatic needed for the error page.
                DJANGO_SETTINGS_MODULE="tests.settings",
                SENTRY_DSN=f"http://publickey@127.0.0.1:{server.server_port}/1",
            )
            result = subprocess.run(
                [sys.executable, "manage.py", "shell", "-v0", "-c", SENTRY_SCRIPT],
                cwd=settings.BASE_DIR,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split()[-1] == "500"
        assert any("kaputt-4711" in body for body in received), received


class MalformedSessionCookieTests(TestCase):
    def test_a_session_cookie_no_server_made_is_ignored_not_a_500(self):
        # PostgreSQL refuses NUL in a query; the page is shown as to anyone without a session.
        self.client.cookies["sessionid"] = "0000000\x00"
        assert self.client.get("/de/").status_code == 200
        self.client.cookies["sessionid"] = "x" * 300
        assert self.client.get("/de/").status_code == 200
