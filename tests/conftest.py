"""
Shared fixtures.

Browser tests: ask for `page` (a Playwright page on Debian's Chromium, pointed at
pytest-django's `live_server`, with a fresh transactional database) and, to see what
the browser saw, `browser_log` (console messages, page errors, dialogs). Mark the
test `@pytest.mark.browser` so `pytest -m browser` runs them alone; `make test` runs
them with everything else. Relative URLs work: `page.goto("/de/")`.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches

from .live_server import CHROMIUM_ARGS, RedisServer

CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` run in the PostgreSQL pass only: elsewhere they are
    deselected (reported as such), never skipped. In that pass they fail if PostgreSQL's
    behaviour is missing."""
    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    deselected = [item for item in items if item.get_closest_marker("postgresql")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


@dataclass
class BrowserLog:
    """What the browser reported while a test ran."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def csp_violations(self):
        return [message for message in self.console if "Content Security Policy" in message]


def require_chromium(path=CHROMIUM):
    """A missing browser is a failure, never a skip."""
    if not path.exists():
        pytest.fail(f"{path} is missing: `make test` installs Debian's chromium package.")


@pytest.fixture(scope="module")
def chromium():
    """One Chromium per test module."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop marked as running in this thread
    # between calls, so Django would refuse ORM calls from the test ("async unsafe").
    # Nothing here is async for real: the test thread waits while the browser works.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_log():
    return BrowserLog()


@pytest.fixture
def page(chromium, live_server, transactional_db, browser_log):
    """A fresh tab (own cookies) on the live server; every dialog is logged and dismissed."""
    context = chromium.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.on("console", lambda message: browser_log.console.append(message.text))
    tab.on("pageerror", lambda error: browser_log.errors.append(str(error)))

    def dismiss(dialog):
        browser_log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", dismiss)
    yield tab
    context.close()


@pytest.fixture
def open_admin(page):
    """`open_admin(path)` logs a superuser in to the German admin and lands on `path`."""
    password = "Lang-genug-2026!"
    get_user_model().objects.create_superuser("redaktion", "r@example.org", password)
    page.set_extra_http_headers({"Accept-Language": "de"})

    def log_in_and_open(path="/admin/"):
        page.goto(f"/admin/login/?next={path}")
        page.fill("#id_username", "redaktion")
        page.fill("#id_password", password)
        page.click("input[type=submit][value]")
        return page

    return log_in_and_open


@pytest.fixture(scope="session")
def redis_server():
    """One real redis-server for the session, on a free loopback port, never saved to disk."""
    server = RedisServer()
    server.start()
    yield server
    server.kill()


@pytest.fixture(autouse=True)
def empty_page_cache():
    # Each test starts as a freshly started server: the test database is rolled back
    # between tests, a local-memory cache is not.
    cache.clear()
    caches["counters"].clear()
