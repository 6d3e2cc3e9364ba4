"""
Several stateless instances behind a load balancer: two Gunicorn servers of this
checkout in production mode share one redis-server and one database, as the
instances of a real deployment do.
"""

import contextlib
import sqlite3
import tempfile
import unittest
import uuid
from pathlib import Path

import pytest

from .live_server import Editor, RedisServer, browser, gunicorn, prepare_site, production_env

PUBLIC_PAGES = ["/de/", "/en/", "/de/schwerpunkte/", "/en/focus-areas/", "/de/ziele/"]


@pytest.fixture(scope="class")
def two_instances(request, redis_server):
    cls = request.cls
    cls.redis = redis_server
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as servers:
        tmp = Path(tmp)
        cls.database = tmp / "var" / "db.sqlite3"
        env = production_env(tmp, REDIS_URL=redis_server.url)
        prepare_site(env)
        cls.log = tmp / "gunicorn.log"
        # Two workers each: within an instance, too, nothing may live in one process only.
        cls.a = servers.enter_context(gunicorn(env, cls.log, workers=2))
        cls.b = servers.enter_context(gunicorn(env, cls.log, workers=2))
        cls.visitor = browser()
        yield


@pytest.mark.usefixtures("two_instances")
class TwoInstancesTests(unittest.TestCase):
    redis: RedisServer

    def visit(self, base_url: str, path: str) -> str:
        response = self.visitor.get(base_url + path, timeout=10)
        assert response.status_code == 200, (path, response.status_code, self.log.read_text())
        return response.text

    def first_focus_area(self) -> tuple[int, str]:
        with sqlite3.connect(self.database) as db:
            return db.execute(
                'SELECT id, title_de FROM pages_focusarea ORDER BY "order", id LIMIT 1'
            ).fetchone()

    def test_an_edit_saved_on_one_instance_shows_on_the_other_at_once(self):
        pk, old_title = self.first_focus_area()
        # B has served (and may have cached) both pages before the edit.
        for _ in range(2):
            for path in ["/de/", "/de/schwerpunkte/"]:
                assert old_title in self.visit(self.b, path)

        new_title = f"Beratung für Neuzugewanderte {uuid.uuid4().hex[:8]}"
        editor = Editor(self.a)
        editor.login()
        response = editor.save(f"/admin/pages/focusarea/{pk}/change/", {"title_de": new_title})
        assert response.status_code == 302, response.text

        for path in ["/de/", "/de/schwerpunkte/"]:
            page = self.visit(self.b, path)
            assert new_title in page
            assert old_title not in page

    def test_the_site_serves_through_a_redis_outage_and_uses_redis_again_after(self):
        editor = Editor(self.a)
        editor.login()
        # The login session is written through to Redis.
        assert int(self.redis.command("DBSIZE")) >= 1

        self.redis.kill()
        try:
            for base_url in [self.a, self.b]:
                for path in PUBLIC_PAGES:
                    self.visit(base_url, path)
            # The editor stays logged in: the session is in the database too.
            assert "/login/" not in editor.get("/admin/").url
            pk, _title = self.first_focus_area()
            title = f"Während Redis fehlt {uuid.uuid4().hex[:8]}"
            response = editor.save(f"/admin/pages/focusarea/{pk}/change/", {"title_de": title})
            assert response.status_code == 302
            assert title in self.visit(self.b, "/de/schwerpunkte/")
        finally:
            self.redis.start()  # same port, empty, as after a crash

        # Empty of what was there before: the session is gone. (Pages that the background
        # refill after the editor's save renders may already be back.)
        assert "session" not in self.redis.command("KEYS", "*")
        # The running instances find Redis again without a restart.
        for base_url in [self.a, self.b]:
            Editor(base_url).login()
            for path in PUBLIC_PAGES:
                self.visit(base_url, path)
        assert int(self.redis.command("DBSIZE")) >= 2
