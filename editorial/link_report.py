"""
Every link in the site's content, wherever it is: the broken-link report (admin page and
`check_links`), and the pages that link to content about to be deleted.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from .links import hrefs_in, is_own_host, link_problem, one_snapshot
from .page_content import language_name
from .redirects import addresses, moves
from .registry import content_models
from .translation_status import admin_url


@dataclass
class FoundLink:
    """One link in one language of one field of one object."""

    obj: models.Model
    field_name: str
    language: str
    href: str
    problem: str = ""

    @property
    def model_name(self):
        return self.obj._meta.verbose_name

    @property
    def field_label(self):
        return self.obj._meta.get_field(self.field_name).verbose_name

    @property
    def language_name(self):
        return language_name(self.language)

    @property
    def admin_url(self):
        return admin_url(self.obj)


def text_fields(model):
    """The translated long-text fields of a content model: where editors write Markdown."""
    try:
        names = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    return [
        name for name in sorted(names) if isinstance(model._meta.get_field(name), models.TextField)
    ]


def all_links(objects=None):
    """Every link in every text field, language and object of the content models."""
    for model in content_models():
        fields = text_fields(model)
        if not fields:
            continue
        for obj in model._default_manager.all() if objects is None else objects.get(model, []):
            for name in fields:
                for code, _name in settings.LANGUAGES:
                    text = getattr(obj, build_localized_fieldname(name, code), "")
                    for href in hrefs_in(text):
                        yield FoundLink(obj, name, code, href)


def broken_links(objects=None):
    """The links that lead nowhere (an internal page gone, unpublished or never there), and
    any other link that cannot work, each with the reason."""
    found = []
    with one_snapshot():
        for link in all_links(objects):
            link.problem = link_problem(link.href)
            if link.problem:
                found.append(link)
    return found


def site_address(href):
    """Where on this site `href` leads ("/de/…", with its "#fragment" if any), or None for a
    link elsewhere."""
    parts = urlsplit((href or "").strip())
    if parts.scheme in ("http", "https") and is_own_host(parts.hostname):
        path = parts.path or "/"
    elif not parts.scheme and not parts.netloc and parts.path.startswith("/"):
        path = parts.path
    else:
        return None
    return f"{path}#{parts.fragment}" if parts.fragment else path


def own_addresses(obj):
    """The addresses that lead to `obj` alone: its page, or its anchor on a list page."""
    if moves(type(obj)):
        return addresses(obj)
    found = set()
    if hasattr(obj, "get_absolute_url"):
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                url = obj.get_absolute_url()
            if "#" in url:
                found.add(url)
    return found


def _leads_to(address, wanted):
    return address is not None and (address in wanted or address.partition("#")[0] in wanted)


def links_to(targets):
    """The links in other content that lead to any of `targets` (objects about to go)."""
    wanted = set()
    for obj in targets:
        wanted |= own_addresses(obj)
    going = {(type(obj), obj.pk) for obj in targets}
    return [
        link
        for link in all_links()
        if _leads_to(site_address(link.href), wanted) and (type(link.obj), link.obj.pk) not in going
    ]
