"""
sitemap.xml: every public page, once per language it really exists in, each entry with
its `xhtml:link hreflang` alternates and an x-default (German, the source language).

/sitemap.xml is an index of sections (pages, notices, free pages), each split into pages
of at most ITEMS_PER_PAGE items: the index costs the same at 5,000 notices as at five,
and no one request renders thousands of addresses (`make bench`).

A page whose text would fall back to German in some language is listed without that
language, as the page's own `<head>` does (editorial/templatetags/head.py): both use the
content's `content_languages()`.
"""

import functools
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.urls import reverse

from editorial.page_content import interface_languages, last_updated
from goals.views import goal_page_content
from pages.models import AgencyProfile, FreePage, Notice
from pages.views import (
    easy_read_content,
    focus_area_content,
    notice_list_content,
    sign_language_content,
)
from photos.views import picture_credits_content

from .views import home_content


def accessibility_feedback_content():
    """The barrier form is interface text; beside it stands the agency profile's
    enforcement body, whose changes date the page (as its template shows)."""
    return {"last_updated": last_updated(AgencyProfile.one())}


@dataclass
class Page:
    url_name: str
    languages: list[str]
    lastmod: datetime | None


class TranslatedSitemap(Sitemap):
    """One entry per item and language it exists in, linked to its other languages."""

    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        # Django's x-default is the address without a language prefix. Here that works for
        # the home page only (translated paths, such as /aktuelles/, exist only with their
        # prefix), so x-default is the German page, as in each page's <head>.
        for url in urls:
            by_language = {link["lang_code"]: link["location"] for link in url["alternates"]}
            for link in url["alternates"]:
                if link["lang_code"] == "x-default":
                    link["location"] = by_language[settings.LANGUAGE_CODE]
        return urls


# Items, not addresses: with two languages and their alternates a page lists up to 2,000
# addresses, well below the protocol's 50,000 and quick enough to render.
ITEMS_PER_PAGE = 1000


class ItemsInLanguages:
    """A sitemap's items seen as (item, language) pairs, as Django's i18n sitemap pages
    them, but counted without reading them and sliced by item (in the database for a
    queryset): Django's own pairing reads every item and its languages just to count the
    pages of the index."""

    def __init__(self, sitemap, count):
        self.sitemap = sitemap
        self.count_items = count

    def count(self):
        return self.count_items()

    def __getitem__(self, items):
        return [
            (item, language)
            for item in self.sitemap.items()[items]
            for language in self.sitemap.get_languages_for_item(item)
        ]


class PageSitemap(TranslatedSitemap):
    """The pages that are not one object's own: home, the lists and the like."""

    # One line per page: its URL name, and the function that says what the page shows,
    # in which languages, and since when (its view renders the same answer). Without
    # content languages a page is interface text, offered where that is translated.
    pages = [
        ("home", home_content),
        ("pages:focus-areas", focus_area_content),
        ("goals:goal-list", goal_page_content),
        ("pages:notice-list", notice_list_content),
        ("photos:picture-credits", picture_credits_content),
        ("feedback:form", accessibility_feedback_content),
        ("pages:easy-read", easy_read_content),
        ("pages:sign-language", sign_language_content),
    ]

    @functools.cached_property
    def page_list(self):
        # Asked for more than once per request, each answer a dozen queries.
        items = []
        for url_name, content in self.pages:
            shown = content()
            languages = shown.get("content_languages") or interface_languages()
            items.append(Page(url_name, languages, shown["last_updated"]))
        return items

    def items(self):
        return self.page_list

    @property
    def paginator(self):
        # One page, known without asking each page's content.
        return Paginator(ItemsInLanguages(self, lambda: len(self.pages)), ITEMS_PER_PAGE)

    def get_latest_lastmod(self):
        """None: the index gives no date for this section, which would cost a dozen
        queries on every request of the index; its entries carry theirs."""
        return None

    def get_languages_for_item(self, item):
        return item.languages

    def location(self, item):
        return reverse(item.url_name)

    def lastmod(self, item):
        return item.lastmod


class ContentSitemap(TranslatedSitemap):
    """The published objects of one model, each at its own address."""

    model = None
    limit = ITEMS_PER_PAGE

    def items(self):
        return self.model.objects.published().order_by("pk")

    @functools.cached_property
    def summary(self):
        """How many items and their latest change, in one query: the index asks both."""
        return self.items().aggregate(count=Count("pk"), latest=Max("updated_at"))

    @property
    def paginator(self):
        return Paginator(ItemsInLanguages(self, lambda: self.summary["count"]), self.limit)

    def get_latest_lastmod(self):
        """For the index: asked of the database, not of every item."""
        return self.summary["latest"]

    def get_languages_for_item(self, item):
        return item.content_languages()

    def lastmod(self, item):
        return item.updated_at


class NoticeSitemap(ContentSitemap):
    model = Notice


class FreePageSitemap(ContentSitemap):
    model = FreePage

    @functools.cached_property
    def profile(self):
        return AgencyProfile.one()

    def get_latest_lastmod(self):
        latest = super().get_latest_lastmod()
        if latest and self.profile and self.items().filter(shows_feedback_form=True).exists():
            latest = max(latest, last_updated(self.profile))
        return latest

    def lastmod(self, item):
        # A page with the barrier form also shows the profile's enforcement body, as its
        # view counts for "Stand".
        return last_updated(item, self.profile) if item.shows_feedback_form else item.updated_at


SITEMAPS = {"pages": PageSitemap, "notices": NoticeSitemap, "free-pages": FreePageSitemap}
