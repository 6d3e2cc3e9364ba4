"""
sitemap.xml: every public page, once per language it really exists in, each entry with
its `xhtml:link hreflang` alternates and an x-default (German, the source language).

A page whose text would fall back to German in some language is listed without that
language, as the page's own `<head>` does (pages/templatetags/head.py): both use the
content's `content_languages()`.
"""

import functools
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from goals.models import Masterplan, goal_page_languages

from .models import (
    AgencyProfile,
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    Photo,
    SignLanguagePage,
    SignLanguageVideo,
    interface_languages,
    languages_of_any,
    site_languages,
)
from .views import NoticeListView, last_updated

# Each function below lists what its page's view shows, so that the sitemap's lastmod is
# the page's own "Last updated" (views.last_updated over the same objects).


def home_content():
    profile = AgencyProfile.objects.select_related("hero_photo").first()
    masterplan = Masterplan.objects.first()
    shown = [
        profile,
        profile and profile.hero_photo,
        masterplan,
        *FocusArea.objects.published(),
        *(masterplan.goals.all() if masterplan else []),
        *Notice.objects.published()[:3],
    ]
    return (profile.content_languages() if profile else site_languages()), shown


def focus_area_content():
    areas = list(FocusArea.objects.published())
    return languages_of_any(areas), areas


def goal_content():
    masterplan = Masterplan.objects.first()
    goals = list(masterplan.goals.select_related("photo")) if masterplan else []
    return goal_page_languages(masterplan, goals), [
        masterplan,
        *goals,
        *(goal.photo for goal in goals),
    ]


def notice_list_content():
    # The first page of the list, as its view shows it.
    notices = list(Notice.objects.published()[: NoticeListView.paginate_by])
    return languages_of_any(notices), notices


def picture_credits_content():
    # Interface text around the photos' credits, which are names and need no translation.
    return interface_languages(), list(Photo.objects.all())


def accessibility_feedback_content():
    # A form of interface text; the enforcement body beside it is the profile's.
    return interface_languages(), [AgencyProfile.objects.first()]


def easy_read_content():
    page = EasyReadPage.objects.first()
    return (page.content_languages() if page else interface_languages()), [page]


def sign_language_content():
    page = SignLanguagePage.objects.first()
    languages = page.content_languages() if page else interface_languages()
    return languages, [page, *SignLanguageVideo.objects.published()]


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


class PageSitemap(TranslatedSitemap):
    """The pages that are not one object's own: home, the lists and the like."""

    # One line per page: its URL name, and a function that returns the languages the page
    # exists in and the objects it shows (for its last change).
    pages = [
        ("pages:home", home_content),
        ("pages:focus-areas", focus_area_content),
        ("goals:goal-list", goal_content),
        ("pages:notice-list", notice_list_content),
        ("pages:picture-credits", picture_credits_content),
        ("pages:accessibility-feedback", accessibility_feedback_content),
        ("pages:easy-read", easy_read_content),
        ("pages:sign-language", sign_language_content),
    ]

    def items(self):
        items = []
        for url_name, content in self.pages:
            languages, shown = content()
            items.append(Page(url_name, languages, last_updated(*shown)))
        return items

    def get_languages_for_item(self, item):
        return item.languages

    def location(self, item):
        return reverse(item.url_name)

    def lastmod(self, item):
        return item.lastmod


class ContentSitemap(TranslatedSitemap):
    """The published objects of one model, each at its own address."""

    model = None

    def items(self):
        return self.model.objects.published()

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
        return AgencyProfile.objects.first()

    def lastmod(self, item):
        # A page with the barrier form also shows the profile's enforcement body, as its
        # view counts for "Stand".
        return last_updated(item, self.profile) if item.shows_feedback_form else item.updated_at


SITEMAPS = {"pages": PageSitemap, "notices": NoticeSitemap, "free-pages": FreePageSitemap}
