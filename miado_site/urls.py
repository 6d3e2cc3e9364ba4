from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from content_checks.views import checks_preview, content_report
from editorial.registry import former_labels
from editorial.views import markdown_help, markdown_preview

from .media import media
from .sitemaps import SITEMAPS
from .views import HomeView, robots_txt, security_txt


def moved_admin_addresses():
    """An editor's bookmark of a model's admin from before it moved app leads to its new one."""
    patterns = []
    for label, model in former_labels().items():
        old = label.replace(".", "/")
        new = f"/{settings.ADMIN_URL}{model._meta.app_label}/{model._meta.model_name}/"
        redirect = RedirectView.as_view(url=f"{new}%(rest)s", permanent=True, query_string=True)
        patterns.append(re_path(rf"^{settings.ADMIN_URL}{old}/(?P<rest>.*)$", redirect))
    return patterns


urlpatterns = [
    # Before the admin's own URLs, which would otherwise claim the path.
    path(f"{settings.ADMIN_URL}markdown-preview/", markdown_preview, name="markdown-preview"),
    path(
        f"{settings.ADMIN_URL}content-report/",
        admin.site.admin_view(content_report),
        name="content-report",
    ),
    path(f"{settings.ADMIN_URL}content-checks/", checks_preview, name="content-checks-preview"),
    path(
        f"{settings.ADMIN_URL}markdown-help/",
        admin.site.admin_view(markdown_help),
        name="markdown-help",
    ),
    *moved_admin_addresses(),
    path(settings.ADMIN_URL, admin.site.urls),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    # Outside the language prefix: one sitemap lists every language, as an index of its
    # sections (miado_site/sitemaps.py). Kept by the page cache (PAGE_CACHE_PATHS) like the
    # pages they list, so an edit shows in them at once.
    path(
        "sitemap.xml",
        index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", robots_txt, name="robots-txt"),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media))

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("", include("pages.urls")),
    path("", include("goals.urls")),
    path("", include("photos.urls")),
    path("", include("search.urls")),
    path("", include("feedback.urls")),
)
