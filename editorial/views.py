from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import translation

from .rich_text import render_markdown


def markdown_preview(request):
    """What the public page will show for the Markdown in an admin textarea: staff only."""
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    language = request.POST.get("language")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_markdown(request.POST.get("text", ""))
    return HttpResponse(html, content_type="text/html; charset=utf-8")
