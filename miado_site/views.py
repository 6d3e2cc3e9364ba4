"""The site-level pages: the home page, which shows every content app, and robots/security.txt."""

import functools
from datetime import UTC

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from editorial.page_content import last_updated, site_languages
from goals.models import Goal, Masterplan
from pages.models import AgencyProfile, FocusArea, Notice


def home_content():
    """What the home page shows, with its languages and date (the sitemap asks too)."""
    # The profile is this page's content, so its change time counts; fetched here in
    # place of the context processor's lazy copy, which then never queries.
    profile = AgencyProfile.one("hero_photo")
    masterplan = Masterplan.one()
    focus_areas = FocusArea.objects.published()
    goals = Goal.objects.of_current_masterplan()
    notices = Notice.objects.published()[:3]
    return {
        "site_profile": profile,
        "content_languages": profile.content_languages() if profile else site_languages(),
        "focus_areas": focus_areas,
        "masterplan": masterplan,
        "goals": goals,
        "notices": notices,
        "last_updated": last_updated(
            profile, profile and profile.hero_photo, focus_areas, masterplan, goals, notices
        ),
    }


HOME_CONTENT = [
    "site_profile",
    "content_languages",
    "focus_areas",
    "masterplan",
    "goals",
    "notices",
    "last_updated",
]


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        # Lazy: when the page's head and main content are kept (base.html), nothing asks
        # for them and the page costs no queries.
        content = functools.cache(home_content)
        lazy = {name: SimpleLazyObject(lambda name=name: content()[name]) for name in HOME_CONTENT}
        return super().get_context_data(**lazy, **kwargs)


def security_txt(request):
    """RFC 9116: where to report a vulnerability. Without a configured contact there is none."""
    contact = settings.SECURITY_TXT_CONTACT
    expires = settings.SECURITY_TXT_EXPIRES
    if not contact or not expires:
        raise Http404("No security contact is configured.")
    if "@" in contact and ":" not in contact:
        contact = f"mailto:{contact}"
    expires_at = parse_datetime(expires)  # settings.py checked that it parses
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}",
        f"Preferred-Languages: {', '.join(code for code, _name in settings.LANGUAGES)}",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def robots_txt(request):
    """Every public page may be crawled; the sitemap lists them with their languages."""
    lines = ["User-agent: *"]
    # Only the default address: a custom DJANGO_ADMIN_URL is kept out of sight, not announced.
    if settings.ADMIN_URL == "admin/":
        lines.append("Disallow: /admin/")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
