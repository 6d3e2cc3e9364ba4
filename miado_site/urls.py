from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from pages.views import markdown_preview, media, security_txt

urlpatterns = [
    # Before the admin's own URLs, which would otherwise claim the path.
    path(f"{settings.ADMIN_URL}markdown-preview/", markdown_preview, name="markdown-preview"),
    path(settings.ADMIN_URL, admin.site.urls),
    path(".well-known/security.txt", security_txt, name="security-txt"),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media))

urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    path("", include("goals.urls")),
)
