from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from pages.views import markdown_preview, media

urlpatterns = [
    # Before the admin's own URLs, which would otherwise claim the path.
    path("admin/markdown-preview/", markdown_preview, name="markdown-preview"),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media))

urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    path("", include("goals.urls")),
)
