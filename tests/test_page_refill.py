"""After a save, home and the lists are rendered into the page cache again in every
language (editorial/page_refill.py), in the background: the next visitor gets a stored
page, and the editor's request does not wait for the renders."""

import threading
import time
from unittest import mock

from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from editorial import page_refill

from .content import make_focus_area, make_masterplan, make_notice, make_profile

PAGES = ["/de/", "/de/schwerpunkte/", "/de/ziele/", "/de/aktuelles/"]
PAGES += ["/en/", "/en/focus-areas/", "/en/goals/", "/en/notices/"]


class InlineThread:
    """A thread that runs at start(), so the test sees what it did."""

    def __init__(self, target, **kwargs):
        self.target = target

    def start(self):
        self.target()


REFILL = ["home", "pages:focus-areas", "goals:goal-list", "pages:notice-list"]


@override_settings(PAGE_CACHE_REFILL=REFILL)
class RefillTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile()
        make_masterplan()
        make_focus_area(title_de="Sprache", title_en="Language")
        cls.notice = make_notice(title_de="Sommerfest", title_en="Summer party", slug="fest")

    def test_after_a_save_home_and_the_lists_are_stored_in_both_languages(self):
        self.client.get("/de/")  # a visitor: the worker knows the site's address
        self.notice.title_de = "Herbstfest"
        self.notice.title_en = "Autumn party"
        # Run here, the refill's requests must not close the test's connection, as the
        # test client's own requests do not (django.test.client).
        for signal in [request_started, request_finished]:
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)
        with (
            mock.patch("editorial.page_refill.threading.Thread", InlineThread),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.notice.save()
        for path in PAGES:
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(path)
            assert response.status_code == 200, path
            assert len(queries) == 0, path  # from the cache, not rendered now
        assert "Herbstfest" in self.client.get("/de/aktuelles/").content.decode()
        assert "Autumn party" in self.client.get("/en/notices/").content.decode()

    def test_the_saving_request_does_not_wait_for_the_renders(self):
        self.client.get("/de/")
        release, started = threading.Event(), threading.Event()

        def slow_refill(site):
            started.set()
            release.wait(10)

        with mock.patch("editorial.page_refill.refill", slow_refill):
            began = time.monotonic()
            with self.captureOnCommitCallbacks(execute=True):
                self.notice.save()
            assert started.wait(5)
            assert time.monotonic() - began < 5
            assert not release.is_set()  # the save returned while the refill still runs
            release.set()
            for _attempt in range(50):
                if page_refill._running.acquire(blocking=False):
                    page_refill._running.release()
                    break
                time.sleep(0.1)
