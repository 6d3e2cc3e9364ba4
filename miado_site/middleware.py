"""Response headers and request limits that apply to every response, static files included."""

import re

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


class SiteCSPMiddleware(CSPMiddleware):
    """The strict site policy everywhere, and the admin's own policy under the admin URL."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            parts.config = parts.config or settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


def cross_origin_resource_policy(get_response):
    # Django sets Cross-Origin-Opener-Policy itself, but not its resource counterpart.
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response

    return middleware


def body_length(request):
    try:
        return int(request.headers.get("content-length") or 0)
    except ValueError:
        return 0


def too_large(limit):
    message = _("The upload is too large: at most %(limit)s can be sent at once.")
    return HttpResponse(
        message % {"limit": filesizeformat(limit)},
        status=413,
        content_type="text/plain; charset=utf-8",
    )


def refuse_oversized_requests(get_response):
    """Refuse a body larger than any form needs before a byte of it is read or stored.

    Django limits form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded files.
    """

    def middleware(request):
        # Videos are uploaded in the admin only; everywhere else the small limit holds.
        admin = request.path_info.startswith(f"/{settings.ADMIN_URL}")
        limit = settings.ADMIN_MAX_REQUEST_BODY_SIZE if admin else settings.MAX_REQUEST_BODY_SIZE
        if body_length(request) > limit:
            return too_large(limit)
        return get_response(request)

    return middleware


def large_bodies_from_staff_only(get_response):
    """The admin's larger limit (videos) is for logged-in staff.

    Anyone else is held to the site's limit, so an anonymous POST to an admin address
    cannot make the server write a video's worth of temporary files: Django stores an
    upload while the CSRF check reads the form, before the admin asks for a login.
    Placed after authentication, before anything reads the body.
    """

    def middleware(request):
        if body_length(request) > settings.MAX_REQUEST_BODY_SIZE and not (
            request.user.is_active and request.user.is_staff
        ):
            return too_large(settings.MAX_REQUEST_BODY_SIZE)
        return get_response(request)

    return middleware


def ignore_malformed_session_cookies(get_response):
    """A session cookie that Django cannot have made counts as no session at all.

    Django's keys are lowercase letters and digits; anything else (a NUL byte, say) would
    reach the session lookup, which PostgreSQL refuses with an error, so the page would
    answer 500 instead of being shown as to any visitor without a session.
    """
    valid = re.compile(r"[a-z0-9]{8,64}")

    def middleware(request):
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if key is not None and not valid.fullmatch(key):
            del request.COOKIES[settings.SESSION_COOKIE_NAME]
        return get_response(request)

    return middleware


def refuse_nul_in_admin_queries(get_response):
    """An admin address whose query holds a NUL byte is a 400, not a 500.

    The admin's list filters pass their values to the database unchecked, and PostgreSQL
    refuses a NUL in text with an error. No link in the admin makes one.
    """

    def middleware(request):
        if request.path_info.startswith(f"/{settings.ADMIN_URL}") and any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest()
        return get_response(request)

    return middleware
