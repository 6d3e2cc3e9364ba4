"""
The operator's duties (legal pages, the feedback recipient, a security contact) as Django
system checks tagged "content". The content apps register their own duties with
`register_duty`; this app only runs them: for the admin index's banner and for
`manage.py check --tag content`, which a deployment pipeline may require.

A duty is reported only where it is asked for: plain `check`, `check --deploy`, `migrate`
and `runserver` stay quiet, so an open duty never fails a deployment that did not ask.
"""

import contextlib
import functools
from contextvars import ContextVar

from django.core import checks
from django.db import DatabaseError
from django.utils.translation import gettext

TAG = "content"
_asked = ContextVar("content_duties_asked", default=False)


@contextlib.contextmanager
def asked_for():
    """Duties are reported inside this block (the `check` command enters it for the tag)."""
    token = _asked.set(True)
    try:
        yield
    finally:
        _asked.reset(token)


def register_duty(check):
    """Register `check(**kwargs) -> [checks.Warning]` as a duty tagged "content"."""

    @functools.wraps(check)
    def when_asked(app_configs=None, **kwargs):
        if not _asked.get():
            return []
        try:
            return list(check(app_configs=app_configs, **kwargs))
        except DatabaseError:
            # Before `migrate`, say, nothing can be read: that is not yet a duty.
            return [
                checks.Warning(
                    gettext("The content could not be read from the database."),
                    hint=gettext("Run “python manage.py migrate” first."),
                    id="content_checks.W001",
                )
            ]

    checks.register(when_asked, TAG)
    return check


def open_duties():
    """The duties that are open now, as system check messages."""
    with asked_for():
        return checks.run_checks(tags=[TAG])
