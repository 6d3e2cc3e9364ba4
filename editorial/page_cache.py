"""
The page cache: anonymous visitors get public pages from the configured cache.

Every cache key holds a content version. Any save or delete of a model that public
pages show (the content apps' models, editorial/apps.py) stamps a new version, so all
pages are invalidated at once and no edit waits for an expiry. A page also expires when
the next scheduled notice or free page is due to appear or disappear.

The version has two parts because Django's default cache is local to each
Gunicorn worker: a token in the cache (shared by every instance when Redis is
configured) and the modification time of a stamp file in DJANGO_DATA_DIR
(shared by the workers of one host). A change seen by either invalidates.

Code that changes content without model signals (QuerySet.update, raw SQL, a flush as
`restore` does) must call `bump_content_version()`, which also sends `content_replaced`
so that what is derived from the content (the search index) is rebuilt.
"""

import functools
import hashlib
import logging
import os
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language
from simple_history.models import HistoricalChanges

from . import page_refill
from .models import Scheduled
from .registry import content_app_configs

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
# Versions make expiry unnecessary for correctness; this only lets unused pages age out.
MAX_SECONDS = 60 * 60 * 24
# Browsers and shared proxies may keep a page but must ask first: an edit shows at once,
# and the question costs a 304 from this cache. A max-age, however short, would serve
# a stale page after an edit, which editors read as "my change did not work".
# No Vary: the language is in the path, and logged-in visitors (whose pages differ)
# always bypass the cache here and get `private, no-store`.
PUBLIC_CACHE_CONTROL = "public, no-cache"
PRIVATE_CACHE_CONTROL = "private, no-store"

# Sent by bump_content_version(): content changed in a way no model signal told, so
# anything derived from single rows must be derived afresh.
content_replaced = Signal()


def stamp_file():
    return settings.DATA_DIR / "content-version"


def content_version():
    token = cache.get(VERSION_KEY)
    if token is None:
        token = secrets.token_hex(8)
        # add(), not set(): if another worker got there first, its token wins.
        cache.add(VERSION_KEY, token, None)
        token = cache.get(VERSION_KEY) or token
    try:
        stamp = os.stat(stamp_file()).st_mtime_ns
    except OSError:
        stamp = 0
    return f"{token}.{stamp}"


def bump_content_version():
    """Invalidate every cached page and rebuild what is derived from the content. Call it
    after changing content without model signals."""
    new_version()
    content_replaced.send(sender=None)


def new_version():
    """Invalidate every cached page."""
    cache.set(VERSION_KEY, secrets.token_hex(8), None)
    path = stamp_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(8))
    except OSError:
        # A read-only data folder (e.g. a container with PostgreSQL and Redis): the cache
        # token alone invalidates, since such a set-up shares one cache between workers.
        logger.warning("Cannot write %s; relying on the cache token alone.", path)


@functools.cache
def public_models():
    """The models public pages show; the set is fixed once apps are loaded. The revision
    history's rows are left out: each comes with a save of the content row it records,
    which invalidates already."""
    return frozenset(
        model
        for config in content_app_configs(on_public_pages=True)
        # Through models too: an m2m change is sent by them.
        for model in config.get_models(include_auto_created=True)
        if not issubclass(model, HistoricalChanges)
    )


def content_changed(sender, **kwargs):
    # Raw saves too: rows that loaddata writes are on public pages as much as any.
    if sender not in public_models():
        return
    # Now, so the editor's next request (even inside a test's transaction) is fresh, and
    # again after commit: a page rendered from the old rows in between would otherwise be
    # stored under the new version.
    new_version()
    transaction.on_commit(new_version)
    transaction.on_commit(page_refill.refill_soon)


def connect_signals():
    post_save.connect(content_changed, dispatch_uid="page_cache:post_save")
    post_delete.connect(content_changed, dispatch_uid="page_cache:post_delete")
    m2m_changed.connect(content_changed, dispatch_uid="page_cache:m2m_changed")


def next_schedule_change():
    """The next moment a scheduled item appears or disappears, or None.

    Asked once per content version (and again once that moment has passed): only a save
    can move it, and a save starts a new version."""
    key = f"page-cache:{content_version()}:next-change"
    remembered = cache.get(key)
    if remembered is not None:
        moment = remembered["moment"]
        if moment is None or moment > timezone.now():
            return moment
    moments = [
        model.objects.next_change() for model in public_models() if issubclass(model, Scheduled)
    ]
    moment = min((moment for moment in moments if moment), default=None)
    cache.set(key, {"moment": moment}, MAX_SECONDS)
    return moment


def version_with_schedule():
    """The content version and the next scheduled change: what a kept fragment or feed is
    keyed by, so that it changes with the content and with the clock as pages do."""
    change = next_schedule_change()
    return f"{content_version()}.{change.timestamp() if change else ''}"


def kept_response(request, name, render):
    """
    A response that is the same for every visitor until the content or the clock changes
    it (the notices' feed): kept per name, language, address and version even when the page
    cache is off, so a reader polling it costs no queries. `render()` makes it afresh.
    """
    if request.method not in ("GET", "HEAD") or request.GET:
        return render()
    address = hashlib.sha256(request.build_absolute_uri(request.path).encode()).hexdigest()
    key = f"kept-response:{name}:{get_language()}:{address}:{version_with_schedule()}"
    kept = cache.get(key)
    if kept is None:
        response = render()
        if response.status_code != 200:
            return response
        kept = {"content": response.content, "headers": dict(response.headers)}
        cache.set(key, kept, MAX_SECONDS)
    response = HttpResponse(kept["content"])
    for header, value in kept["headers"].items():
        response[header] = value
    return response


def is_public_page(request):
    """A GET or HEAD of the translated site (or of PAGE_CACHE_PATHS outside it, such as the
    sitemap), from a visitor without a session."""
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    language_code = request.path_info.lstrip("/").split("/", 1)[0]
    return (
        language_code in dict(settings.LANGUAGES) or request.path_info in settings.PAGE_CACHE_PATHS
    )


def cache_key(request, version):
    url = request.build_absolute_uri()
    return f"page-cache:{version}:{hashlib.sha256(url.encode()).hexdigest()}"


class PageCacheMiddleware:
    """Placed right after WhiteNoise, so a cached page skips sessions, auth and views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page_refill.remember(request)
        if not is_public_page(request):
            return self.mark_private(request, self.get_response(request))

        key = cache_key(request, content_version())
        entry = cache.get(key)
        if entry is not None and entry["expires"] > timezone.now():
            response = HttpResponse(entry["content"], headers=entry["headers"])
            return self.conditional(request, response)

        response = self.get_response(request)
        if self.storable(request, response):
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["Cache-Control"] = PUBLIC_CACHE_CONTROL
            self.store(key, response)
            return self.conditional(request, response)
        return self.mark_private(request, response)

    def mark_private(self, request, response):
        """
        A response for a logged-in user, or one that sets a cookie (a form's CSRF cookie),
        is this visitor's own: no browser history, proxy or shared cache may keep a copy.
        A view that chose its own caching keeps it.
        """
        user = getattr(request, "user", None)
        personal = response.cookies or (user is not None and user.is_authenticated)
        if personal and "Cache-Control" not in response:
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response

    def conditional(self, request, response):
        """304 Not Modified for a browser or proxy that already has this version of the page."""
        if "if-none-match" not in request.headers:
            return response
        return get_conditional_response(request, etag=response["ETag"], response=response)

    def storable(self, request, response):
        user = getattr(request, "user", None)
        return (
            # A HEAD runs the view's GET, so its response carries the whole page too.
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A view that chose its own caching (never_cache, a preview) knows better.
            and "Cache-Control" not in response
            and not (user is not None and user.is_authenticated)
        )

    def store(self, key, response):
        now = timezone.now()
        expires = now + timedelta(seconds=MAX_SECONDS)
        change = next_schedule_change()
        if change is not None:
            expires = min(expires, change)
        timeout = max(1, int((expires - now).total_seconds()))
        entry = {"content": response.content, "headers": dict(response.items()), "expires": expires}
        cache.set(key, entry, timeout)
