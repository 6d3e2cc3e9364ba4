"""The search index (search/index.py): what it lets a visitor find, and how it keeps up
with the content: saves, the clock, a restore, `load_seed`, the rebuild command."""

import json
import tempfile
from datetime import timedelta
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.utils import timezone, translation

from editorial.page_cache import bump_content_version
from pages.models import Notice
from search.models import Entry

from .content import make_notice
from .test_search import main, titles


def search(client, query, url="/de/suche/"):
    return titles(client.get(url, {"q": query}))


class PublicOnlyTests(TestCase):
    """Whatever the index holds, a search shows only what the public may see now, also
    when the same search was answered a moment before from the results it keeps."""

    def test_drafts_are_never_found_and_unpublishing_hides_at_once(self):
        notice = make_notice(title_de="Sommerfest", slug="fest", published=False)
        assert search(self.client, "Sommerfest") == []
        notice.published = True
        notice.save()
        assert search(self.client, "Sommerfest") == ["Sommerfest"]
        notice.published = False
        notice.save()
        assert search(self.client, "Sommerfest") == []

    def test_a_scheduled_item_is_found_from_its_start_until_its_end(self):
        now = timezone.now()
        make_notice(
            title_de="Sommerfest",
            slug="fest",
            publish_from=now + timedelta(hours=1),
            publish_until=now + timedelta(hours=2),
        )
        assert search(self.client, "Sommerfest") == []
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=61)):
            assert search(self.client, "Sommerfest") == ["Sommerfest"]
        # A second later than that, the same search finds nothing: the kept results ran out
        # with the item's end, no save needed.
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=119)):
            assert search(self.client, "Sommerfest") == ["Sommerfest"]
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=120)):
            assert search(self.client, "Sommerfest") == []

    def test_a_deleted_item_leaves_the_index(self):
        notice = make_notice(title_de="Sommerfest", slug="fest")
        assert Entry.objects.filter(object_id=notice.pk).count() == 2  # German and English
        notice.delete()
        assert not Entry.objects.filter(object_id=notice.pk).exists()
        assert search(self.client, "Sommerfest") == []


class MatchingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_notice(title_de="Größe der Gruppen", slug="groesse", text_de="Für Schüler 🎉 Kurse.")
        make_notice(title_de="Sommerfest 🎉", slug="fest", text_de="Im Park.")
        make_notice(title_de="EU-Förderung", slug="eu", text_de="Mittel der EU.")

    def test_umlauts_typed_as_two_letters_find_them(self):
        for query in ["Groesse", "größe", "GROESSE", "Grösse"]:
            assert search(self.client, query) == ["Größe der Gruppen"], query
        assert search(self.client, "schueler") == ["Größe der Gruppen"]
        html = main(self.client.get("/de/suche/", {"q": "Groesse"}))
        assert "<mark>Größe</mark> der Gruppen" in html

    def test_an_emoji_finds_the_titles_that_contain_it_title_first(self):
        assert search(self.client, "🎉") == ["Sommerfest 🎉", "Größe der Gruppen"]
        assert "Sommerfest <mark>🎉</mark>" in main(self.client.get("/de/suche/", {"q": "🎉"}))

    def test_words_shorter_than_three_letters_are_found(self):
        assert search(self.client, "eu") == ["EU-Förderung"]
        assert search(self.client, "eu mittel") == ["EU-Förderung"]
        assert search(self.client, "eu park") == []

    def test_english_visitors_search_the_german_text_where_no_english_is(self):
        assert search(self.client, "Größe", url="/en/search/") == ["Größe der Gruppen"]


class KeepingUpTests(TestCase):
    def test_the_rebuild_command_indexes_what_changed_without_signals(self):
        notice = make_notice(title_de="Sommerfest", slug="fest")
        Notice.objects.filter(pk=notice.pk).update(title_de="Herbstfest")
        output = StringIO()
        call_command("rebuild_search_index", stdout=output)
        assert "2 entries" in output.getvalue()
        assert search(self.client, "Herbstfest") == ["Herbstfest"]

    def test_rows_loaded_with_loaddata_are_indexed_once_committed(self):
        notice = make_notice(title_de="Sommerfest", slug="fest")
        rows = json.loads(serializers.serialize("json", [notice]))
        rows[0]["fields"]["title_de"] = "Herbstfest"
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        (folder / "notice.json").write_text(json.dumps(rows))
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            call_command("loaddata", str(folder / "notice.json"), verbosity=0)
        assert len(callbacks) <= 3  # one rebuild, whatever the number of rows
        assert search(self.client, "Herbstfest") == ["Herbstfest"]

    def test_load_seed_fills_the_index(self):
        call_command("load_seed", verbosity=0)
        assert search(self.client, "Integrationszentrum")

    def test_a_po_import_updates_the_index(self):
        from editorial.po_exchange import export_po, import_po

        make_notice(title_de="Sommerfest", slug="fest")
        po = export_po("en")
        for entry in po:
            if entry.msgid == "Sommerfest":
                entry.msgstr = "Summer party"
        assert import_po(str(po).encode(), "en").ok
        assert search(self.client, "summer", url="/en/search/") == ["Summer party"]


@pytest.mark.postgresql
class PostgreSQLIndexTests(TestCase):
    """On PostgreSQL a search reads the GIN index of the stored words, not every entry."""

    @classmethod
    def setUpTestData(cls):
        Notice.objects.bulk_create(
            Notice(title_de=f"Meldung {i}", slug=f"m-{i}", text_de=f"Text über Thema {i}.")
            for i in range(2500)
        )
        make_notice(title_de="Sommerfest", slug="fest", text_de="Im Park.")
        bump_content_version()  # bulk_create sends no signals: the index is rebuilt
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_entry")

    def test_the_query_plan_uses_the_index(self):
        from search import postgresql

        assert Entry.objects.count() == 2 * 2501
        with translation.override("de"):
            sql, params = postgresql.scores_sql("Sommerfest")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor)
        assert "search_entry_document" in plan, plan
        assert "Seq Scan" not in plan, plan
        assert search(self.client, "Sommerfest") == ["Sommerfest"]
