"""Titles sort as a German reader expects (DIN 5007), on SQLite and on PostgreSQL alike."""

import random
import re

from django.contrib.auth import get_user_model
from django.test import TestCase

from pages.models import FocusArea, FreePage, Notice

from .content import make_free_page, make_notice

# Byte order would put Ärger and Öl after Zebra, and Straße after Ost only by luck.
GERMAN_ORDER = ["Apfel", "Ärger", "Bär", "Öl", "Ost", "Straße", "Übersicht", "Zebra"]


def shuffled(titles):
    titles = list(titles)
    random.Random(6).shuffle(titles)
    assert titles != GERMAN_ORDER
    return titles


class GermanTitleOrderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for number, title in enumerate(shuffled(GERMAN_ORDER)):
            make_free_page(title_de=title, slug=f"seite-{number}", show_in_footer=True)
            make_notice(title_de=title, slug=f"meldung-{number}")
        cls.editor = get_user_model().objects.create_superuser(
            "redaktion", "redaktion@example.org", "ein-langes-passwort"
        )

    def test_free_pages_in_the_footer_follow_german_order(self):
        html = self.client.get("/de/schwerpunkte/").content.decode()
        footer = html[html.index('class="footer-nav"') :]
        shown = re.findall(r'<a href="/de/seite/seite-\d+/"[^>]*>([^<]+)</a>', footer)
        assert shown == GERMAN_ORDER

    def test_queries_ordered_by_title_follow_german_order(self):
        assert [p.title for p in FreePage.objects.all()] == GERMAN_ORDER
        assert [n.title for n in Notice.objects.order_by("title")] == GERMAN_ORDER
        assert [n.title for n in Notice.objects.order_by("-title")] == GERMAN_ORDER[::-1]
        assert FocusArea._meta.get_field("title_de").db_collation

    def test_admin_list_sorted_by_title_follows_german_order(self):
        self.client.force_login(self.editor)
        # o=1: the first list column, the title.
        html = self.client.get("/admin/pages/notice/", {"o": "1"}).content.decode()
        shown = re.findall(r'<th class="field-title"><a href="[^"]+">([^<]+)</a>', html)
        assert shown == GERMAN_ORDER
