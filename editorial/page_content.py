"""
What a page says about its content: the languages it really exists in, and when it last
changed. Views, the sitemap, the feed and `<head>` all ask the same functions.
"""

import functools
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname, resolution_order


def site_languages():
    return [language_code for language_code, _name in settings.LANGUAGES]


@functools.cache  # LANGUAGES and the catalogues are fixed while the process runs
def interface_languages():
    """
    The languages a page of interface text alone (a form, the picture credits) exists in:
    the source language and those the project's own catalogues translate. A language that
    is switched on before its catalogue is written shows such pages in English words, so
    it is not offered to search engines yet.
    """
    return [
        code
        for code in site_languages()
        if code == settings.LANGUAGE_CODE
        or any(
            (Path(folder) / code / "LC_MESSAGES" / "django.po").exists()
            for folder in settings.LOCALE_PATHS
        )
    ]


def languages_with_text(obj, field_names):
    """
    The languages in which `obj` has text of its own (no fallback) in every one of
    `field_names`: the languages its page really exists in. Search engines and feeds are
    offered only these (hreflang, sitemap, Atom); the other languages' pages show the
    German text, say so, and name the German page as their canonical.

    An optional field the source language leaves empty (a page without an introduction)
    is missing in no translation, so it does not count.
    """
    source = settings.LANGUAGE_CODE
    names = [name for name in field_names if getattr(obj, build_localized_fieldname(name, source))]
    return [
        language_code
        for language_code in site_languages()
        if all(getattr(obj, build_localized_fieldname(name, language_code)) for name in names)
    ]


def languages_of_any(objects):
    """
    A list page's languages: its headings and navigation are always translated, so it
    counts as existing in a language when at least one of its items has text of its own
    there. A list with no items is interface text only: every language.
    """
    objects = list(objects)
    if not objects:
        return site_languages()
    found = {code for obj in objects for code in obj.content_languages()}
    return [code for code in site_languages() if code in found]


def language_name(code):
    """A language's name in the language of the page or admin around it ("Englisch")."""
    return get_language_info(code)["name_translated"]


def language_of(obj, field_name):
    """The language whose text `obj.field_name` actually shows, after fallbacks."""
    current = get_language()
    for language_code in resolution_order(current):
        if getattr(obj, build_localized_fieldname(field_name, language_code), None):
            return language_code
    return current


def last_updated(*shown):
    """
    When the content a page shows last changed, for its "Last updated" line: the newest
    `updated_at` among the objects and lists given (None where there are none).

    Give it the very querysets the template iterates: they run once, here, and the
    template reuses their rows, so the line costs no query.
    """
    times = []
    for item in shown:
        items = item if hasattr(item, "__iter__") else [item]
        times += [obj.updated_at for obj in items if getattr(obj, "updated_at", None)]
    return max(times, default=None)
