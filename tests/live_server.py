"""
Real servers for the scale-out tests and `make soak`: redis-server, Gunicorn
instances of this checkout, and an editor who uses their admin over HTTP.

Everything listens on loopback ports picked free at start, and every wait is bounded.
"""

import contextlib
import html.parser
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
# Variables of the caller's environment that would change what a started server does.
FOREIGN_ENV = (
    "DJANGO_",
    "DATABASE_",
    "REDIS_URL",
    "GUNICORN_",
    "WEB_CONCURRENCY",
    "AWS_",
    "SENTRY_",
)
EDITOR = ("redaktion", "ein-langes-test-passwort")
# Debian's Chromium as the developers' guide asks to run it: browser tests and Lighthouse.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing listens on port {port} after {timeout} s") from None
            time.sleep(0.1)


def stop(process: subprocess.Popen, timeout: float = 10) -> None:
    """End a process started here (in its own session), with its children if need be."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


class RedisServer:
    """A throwaway redis-server on a loopback port, without persistence."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is missing: `make test` installs it")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for_port(self.port, 10, self.process)

    def kill(self) -> None:
        """As a crash would: at once, nothing saved."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def command(self, *args: str) -> str:
        return subprocess.run(
            ["redis-cli", "-p", str(self.port), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()


def clean_env(**overrides: str) -> dict[str, str]:
    """This environment without FOREIGN_ENV, plus `overrides`: what a started process gets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(FOREIGN_ENV)}
    env.update(overrides)
    return env


def production_env(data_dir: Path, **overrides: str) -> dict[str, str]:
    """DJANGO_ENV=production as an operator sets it, on loopback, with the data folder
    made as an operator makes it (the settings only read)."""
    (data_dir / "var").mkdir(parents=True, exist_ok=True)
    return clean_env(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_DATA_DIR=str(data_dir / "var"),
        DJANGO_MEDIA_ROOT=str(data_dir / "media"),
        DJANGO_STATIC_ROOT=str(data_dir / "static"),
        **overrides,
    )


def manage(env: dict[str, str], *command: str, timeout: float = 180) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=REPO,
        env=env,
        check=True,
        timeout=timeout,
        stdout=subprocess.DEVNULL,
    )


def prepare_site(env: dict[str, str]) -> None:
    """What an operator does before the first start: static files, schema, seed, a login."""
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_seed", "-v0")
    user, password = EDITOR
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": password},
        "createsuperuser",
        "--noinput",
        "--username",
        user,
        "--email",
        "redaktion@example.org",
    )


@contextlib.contextmanager
def gunicorn(env: dict[str, str], log: Path, workers: int = 1, port: int | None = None):
    """This checkout under the repo's Gunicorn config; yields its base URL."""
    port = port or free_port()
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "miado_site/gunicorn_conf.py"]
            + ["miado_site.wsgi:application"],
            cwd=REPO,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, 30, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process, timeout=35)


class _BehindTlsProxy(requests.Session):
    """A browser behind the TLS proxy: every request arrives as HTTPS."""

    def __init__(self):
        super().__init__()
        self.headers["X-Forwarded-Proto"] = "https"

    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        # Production cookies are Secure; between browser and proxy they travel over HTTPS.
        for cookie in self.cookies:
            cookie.secure = False
        return response


def browser() -> requests.Session:
    return _BehindTlsProxy()


class _FormFields(html.parser.HTMLParser):
    """The fields a browser would submit from the admin's change form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._textarea: str | None = None
        self._text = ""
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("id") or "").endswith("_form"):
            self._in_form = True
        if not self._in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value") or "on"))
            elif kind not in {"file", "submit", "button", "image", "reset"}:
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value") or ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            # Browsers drop the one newline that follows <textarea>.
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


class Editor:
    """An editor in the admin of one running instance, over plain HTTP."""

    def __init__(self, base_url: str, timeout: float = 15):
        self.base_url = base_url
        self.timeout = timeout
        self.session = browser()

    def _headers(self, path: str) -> dict[str, str]:
        # Django checks Origin on HTTPS posts; the proxy passes the browser's on.
        origin = "https://" + self.base_url.split("://", 1)[1]
        return {"Origin": origin, "Referer": origin + path}

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base_url + path, timeout=self.timeout)

    def login(self) -> None:
        page = self.get("/admin/login/")
        user, password = EDITOR
        response = self.session.post(
            self.base_url + "/admin/login/?next=/admin/",
            data={"csrfmiddlewaretoken": csrf_token(page.text), "username": user}
            | {"password": password, "next": "/admin/"},
            headers=self._headers("/admin/login/"),
            timeout=self.timeout,
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise AssertionError(f"login failed: {response.status_code}")

    def save(self, path: str, changes: dict[str, str], files=None) -> requests.Response:
        """Open the form at `path`, change some fields, press Save; returns the answer."""
        page = self.get(path)
        page.raise_for_status()
        parser = _FormFields()
        parser.feed(page.text)
        fields = [(name, value) for name, value in parser.fields if name not in changes]
        fields += list(changes.items()) + [("_save", "Sichern")]
        return self.session.post(
            self.base_url + path,
            data=fields,
            files=files,
            headers=self._headers(path),
            timeout=self.timeout,
            allow_redirects=False,
        )


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not match:
        raise AssertionError("no CSRF token in the form")
    return match.group(1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def require_page(url, expected_text, headers=None):
    """
    Exit unless `url` answers 200 with `expected_text`: wrk and Lighthouse would measure
    a redirect or an error page without a word.
    """
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.build_opener(_NoRedirect).open(request, timeout=15) as response:
        body = response.read().decode("utf-8", "replace")
        if response.status != 200 or expected_text not in body:
            sys.exit(f"{url} answered {response.status} without {expected_text!r}")
