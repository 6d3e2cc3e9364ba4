"""
After a save, the most-visited pages (settings.PAGE_CACHE_REFILL: home and the lists) are
rendered into the page cache again in every language, in a thread of the worker that
saved, once the save is committed: the editor's request does not wait for it, and the
next visitor gets a stored page rather than paying for the first render.

The pages are asked for as visitors ask: through the whole middleware stack, at the host
and scheme of the last request this worker served (the cache key is the full address).
"""

import io
import logging
import sys
import threading

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)

# The host and scheme visitors use, as the last request to this worker showed them.
_site = {}
_running = threading.Lock()
_wanted = threading.Event()


def remember(request):
    _site["host"] = request.get_host()
    _site["secure"] = request.is_secure()


def refill_soon():
    """Start refilling in the background, unless a refill is running (it goes round once
    more) or there is nothing to refill."""
    if not (settings.PAGE_CACHE and settings.PAGE_CACHE_REFILL and _site):
        return
    _wanted.set()
    if _running.acquire(blocking=False):
        threading.Thread(target=_refill_while_wanted, name="page-cache-refill", daemon=True).start()


def _refill_while_wanted():
    try:
        while _wanted.is_set():
            _wanted.clear()
            refill(dict(_site))
    finally:
        _running.release()
        if threading.current_thread() is not threading.main_thread():
            # The connections this thread opened; no request ends to close them.
            connections.close_all()


def refill_paths():
    paths = []
    for language_code, _name in settings.LANGUAGES:
        with translation.override(language_code):
            paths += [reverse(name) for name in settings.PAGE_CACHE_REFILL]
    return paths


def refill(site):
    """Ask for each page as a visitor would; PageCacheMiddleware stores what it renders."""
    try:
        handler = WSGIHandler()
        for path in refill_paths():
            response = handler(_environ(path, site), lambda status, headers, exc_info=None: None)
            response.close()
            if response.status_code != 200:
                logger.warning("Refilling %s got %s.", path, response.status_code)
    except Exception:
        # A page that fails here fails for its visitor too, and is logged there.
        logger.exception("Refilling the page cache failed.")


def _environ(path, site):
    host, _colon, port = site["host"].partition(":")
    scheme = "https" if site["secure"] else "http"
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": port or ("443" if site["secure"] else "80"),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": site["host"],
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if site["secure"]:
        # As the TLS proxy in front says it (SECURE_PROXY_SSL_HEADER).
        environ["HTTP_X_FORWARDED_PROTO"] = "https"
    return environ
