"""The logging configuration: one JSON object per line on stdout."""

from pythonjsonlogger.core import RESERVED_ATTRS


def json_logging(level):
    """LOGGING for `level`: JSON lines with the request id, errors also mailed to ADMINS."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "miado_site.request_id.RequestIdFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
                "rename_fields": {"levelname": "level", "name": "logger"},
                # ISO 8601 in UTC, as "timestamp".
                "timestamp": True,
                # The request object Django attaches to its records is for the e-mail only.
                "reserved_attrs": [*RESERVED_ATTRS, "request"],
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
                "filters": ["request_id"],
            },
            # Unhandled errors (django.request, level ERROR) go to ADMINS by e-mail.
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": ["console", "mail_admins"], "level": level, "propagate": False},
            # Its start-up banner would land on the stdout of every management command.
            "axes.apps": {"level": "WARNING"},
        },
    }
