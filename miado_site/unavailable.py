"""
While the database is unreachable, visitors get a short notice in the site's design
with 503 and Retry-After, not a 500 or a stack trace. Nothing is switched: the first
request after the database is back is served normally, as Django opens a fresh
connection for it.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Only the errors of a lost or refused connection (and SQLite's locked or
        # missing file). Other database errors (IntegrityError, ProgrammingError)
        # are bugs, and go on to the 500 page and the admins' error report.
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable, answered 503: %s", exception)
        # The header and footer must not ask the database again, neither for the profile
        # nor for the version their cached copies are kept by (no version: not cached).
        request.fragment_version = ""
        response = render(
            request, "503.html", {"site_profile": None, "footer_pages": ()}, status=503
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        # Neither a proxy nor a page cache may keep the notice once the database is back.
        add_never_cache_headers(response)
        return response
