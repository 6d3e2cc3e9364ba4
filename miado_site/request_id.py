"""
A request id on every request, its response and its log lines.

A proxy's X-Request-ID is kept when it looks like an id (so one id follows the request
through proxy, app and logs); anything else, e.g. a header stuffed with a log-injection
attempt, is replaced by a fresh one.
"""

import contextvars
import logging
import re
import uuid
from collections.abc import Mapping

from pythonjsonlogger.json import JsonFormatter

HEADER = "X-Request-ID"
SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,200}")

current_request_id = contextvars.ContextVar("request_id", default=None)


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request.request_id = incoming if SANE_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record: from the request being served, else "-"."""

    def filter(self, record):
        # Django logs 404s after the middleware has returned, with the request attached.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or current_request_id.get() or "-"
        return True


class GunicornJsonFormatter(JsonFormatter):
    """Gunicorn's own lines as JSON, like the app's; its one line per request gets the
    request's fields, including the request id the app put on the response."""

    # Gunicorn's atom names for what an operator looks for in an access line.
    ACCESS_FIELDS = {
        "m": "method",
        "U": "path",
        "s": "status",
        "B": "bytes",
        "M": "duration_ms",
        "h": "remote_addr",
        "a": "user_agent",
        "{x-request-id}o": "request_id",
    }

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            for atom, field in self.ACCESS_FIELDS.items():
                log_data[field] = record.args[atom]
