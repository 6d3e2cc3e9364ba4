"""
Where an editor's link leads. Checked when a text is saved (admin, PO import, seed), listed
by the broken-link report, and normalised when a text is rendered, so that an e-mail
address or a phone number written without its scheme still works for visitors.
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import markdown
import phonenumbers
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http.request import validate_host
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext

from .registry import content_models

SCHEMES = {"http", "https", "mailto", "tel"}
# Numbers written without a country code are German: the agency is in Dortmund.
PHONE_REGION = "DE"
EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+$")
PHONE = re.compile(r"^\+?[\d\s()/.\-–]+$")


def is_own_host(hostname):
    own_hosts = [host for host in settings.ALLOWED_HOSTS if host != "*"]
    return bool(hostname) and validate_host(hostname, own_hosts)


def phone_href(text):
    """tel: with the number in international form (+49…), or None if it is none."""
    if not PHONE.match(text) or sum(char.isdigit() for char in text) < 5:
        return None
    try:
        number = phonenumbers.parse(text, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def link_problem(href):
    """Why an editor's `href` cannot work for visitors, or "" if it can."""
    href = (href or "").strip()
    # Browsers ignore tabs and line breaks in a scheme ("java\tscript:"), so we do too.
    scheme = re.sub(r"[\x00-\x20]", "", href).partition(":")[0].lower()
    has_scheme = ":" in href and re.fullmatch(r"[a-z][a-z0-9+.\-]*", scheme or "-") is not None
    if not href or href.startswith(("#", "?")):
        return ""
    if has_scheme and scheme not in SCHEMES:
        return gettext(
            "Links starting with “%(scheme)s:” are not allowed (“%(href)s”). Please link "
            "to an address starting with https://, mailto: or tel:."
        ) % {"scheme": scheme, "href": href}
    if scheme in ("http", "https"):
        parts = urlsplit(href)
        if not parts.hostname:
            return gettext("“%(href)s” is not a complete address.") % {"href": href}
        if is_own_host(parts.hostname):
            return site_path_problem(parts.path or "/", href)
        return ""
    if scheme in ("mailto", "tel") or href.startswith("//"):
        return ""
    if href.startswith("/"):
        return site_path_problem(urlsplit(href).path, href)
    # Rendered as mailto: and tel: (rendered_href).
    if EMAIL.match(href) or phone_href(href):
        return ""
    if PHONE.match(href):
        return gettext("“%(href)s” is not a valid phone number.") % {"href": href}
    if href.lower().startswith("www.") or re.match(r"^[\w\-]+(\.[\w\-]+)+(/|$)", href):
        return gettext(
            "“%(href)s” is missing its beginning: please write “https://%(href)s”, "
            "otherwise the link leads nowhere."
        ) % {"href": href}
    return gettext(
        "“%(href)s” is not a complete address. Web addresses start with https://, "
        "pages of this site with /de/ or /en/."
    ) % {"href": href}


def site_path_problem(path, href):
    if resolves(path):
        return ""
    return gettext(
        "“%(href)s” leads to no page of this site (or to one that is not published). "
        "Please check the address."
    ) % {"href": href}


def resolves(path):
    """Whether a visitor following a link to `path` on this site reaches a page."""
    path = unquote(path)
    if path.startswith(settings.MEDIA_URL):
        name = path.removeprefix(settings.MEDIA_URL)
        return bool(name) and default_storage.exists(name)
    if path.startswith(settings.STATIC_URL):
        return finders.find(path.removeprefix(settings.STATIC_URL)) is not None
    language = path.lstrip("/").split("/", 1)[0]
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            # CommonMiddleware adds a missing final slash with a redirect.
            if path.endswith("/") or not settings.APPEND_SLASH:
                return False
            return resolves(path + "/")
        # An address without parameters is a fixed page (the home page, a list); one with
        # parameters (a slug) is a page only while the object it names is public.
        if not match.args and not match.kwargs:
            return True
        return path in public_paths(language) or old_address_target(path) is not None


# Within `one_snapshot()`, public_paths() is worked out once per language, not per link.
_snapshot = ContextVar("public_paths_snapshot", default=None)


@contextmanager
def one_snapshot():
    """Check many links against one look at the site's pages (the report, a delete)."""
    token = _snapshot.set({})
    try:
        yield
    finally:
        _snapshot.reset(token)


def public_paths(language):
    """The paths of every public object of the content models, in `language`."""
    remembered = _snapshot.get()
    if remembered is not None and language in remembered:
        return remembered[language]
    paths = set()
    with translation.override(language):
        for model in content_models():
            if not hasattr(model, "get_absolute_url"):
                continue
            manager = model._default_manager
            queryset = manager.published() if hasattr(manager, "published") else manager.all()
            for obj in queryset:
                paths.add(urlsplit(obj.get_absolute_url()).path)
    if remembered is not None:
        remembered[language] = paths
    return paths


def old_address_target(path):
    from .redirects import redirect_target

    return redirect_target(path)


class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href is not None:
                self.hrefs.append(href)


def hrefs_in(text):
    """Every link target in Markdown `text`, as written, before anything is sanitised away."""
    if not text or ("](" not in text and "<" not in text and "]:" not in text):
        return []
    collector = _LinkCollector()
    collector.feed(markdown.markdown(text, extensions=["sane_lists"]))
    collector.close()
    return collector.hrefs


def problems_in(text):
    """The reasons, one per broken link, why links in `text` cannot work."""
    found = []
    for href in hrefs_in(text):
        problem = link_problem(href)
        if problem and problem not in found:
            found.append(problem)
    return found


def validate_links(text):
    """Field validator: refuses Markdown whose links would lead nowhere."""
    problems = problems_in(text)
    if problems:
        raise ValidationError(problems, code="broken-link")


def rendered_href(href):
    """The href a visitor's browser gets: an e-mail address or phone number written without
    its scheme gets it. Cheap, no queries: it runs on every rendering."""
    stripped = (href or "").strip()
    if stripped.lower().startswith("tel:"):
        return phone_href(stripped[4:]) or href
    if ":" in stripped or stripped.startswith(("/", "#", "?", ".")):
        return href
    if EMAIL.match(stripped):
        return "mailto:" + stripped
    return phone_href(stripped) or href
