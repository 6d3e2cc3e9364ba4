import re
from datetime import UTC

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_datetime
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve

from goals.models import Masterplan

from . import renditions
from .models import (
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    SignLanguagePage,
    SignLanguageVideo,
)
from .rich_text import render_markdown


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        masterplan = Masterplan.objects.first()
        return super().get_context_data(
            focus_areas=FocusArea.objects.published(),
            masterplan=masterplan,
            goals=masterplan.goals.all() if masterplan else [],
            notices=Notice.objects.published()[:3],
            **kwargs,
        )


def may_preview(request, model):
    """Staff who may view a model in the admin also see its unpublished content on the site."""
    user = request.user
    opts = model._meta
    return user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


class PreviewMixin:
    """
    Shows staff what the public cannot (yet, or any longer) see, marked as a preview:
    a banner, noindex, and never stored by any cache. The public still gets a 404.
    """

    model = None
    preview = False

    def get_queryset(self):
        if may_preview(self.request, self.model):
            return self.model.objects.all()
        return self.model.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.preview:
            patch_cache_control(response, private=True, no_store=True)
        return response


class PreviewDetailMixin(PreviewMixin):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        # Only staff can reach here with an object the one public rule does not show.
        if may_preview(self.request, self.model):
            self.preview = not self.model.objects.published().filter(pk=obj.pk).exists()
        return obj


class FocusAreaListView(PreviewMixin, ListView):
    model = FocusArea
    template_name = "pages/focus_area_list.html"
    context_object_name = "focus_areas"

    def get_context_data(self, **kwargs):
        self.preview = any(not area.published for area in self.object_list)
        return super().get_context_data(**kwargs)


class NoticeListView(ListView):
    template_name = "pages/notice_list.html"
    context_object_name = "notices"
    paginate_by = 10

    def get_queryset(self):
        # Per request, never at import: what is published depends on the clock.
        return Notice.objects.published()


class NoticeDetailView(PreviewDetailMixin, DetailView):
    model = Notice
    template_name = "pages/notice_detail.html"
    context_object_name = "notice"


class FreePageDetailView(PreviewDetailMixin, DetailView):
    model = FreePage
    template_name = "pages/free_page.html"
    context_object_name = "page"


class EasyReadView(TemplateView):
    """The site in Leichte Sprache (BITV 2.0 § 4)."""

    template_name = "pages/easy_read.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=EasyReadPage.objects.first(), **kwargs)


class SignLanguageView(TemplateView):
    """Videos in German Sign Language with their transcripts (BITV 2.0 § 4)."""

    template_name = "pages/sign_language.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=SignLanguagePage.objects.first(),
            videos=SignLanguageVideo.objects.published(),
            **kwargs,
        )


# Largest part of a file one ranged response carries. Browsers ask for `bytes=N-` and take
# what comes, so each answer stays short and no worker streams a whole video for minutes.
MAX_RANGE_LENGTH = 8 * 1024 * 1024
SINGLE_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
UNSATISFIABLE = "unsatisfiable"


def requested_range(header, size):
    """(first, last) byte of a single `Range: bytes=…` header, UNSATISFIABLE, or None.

    None means "send the whole file": several ranges or a malformed one, which RFC 9110
    (section 14.2) lets a server ignore.
    """
    match = SINGLE_RANGE.fullmatch(header.replace(" ", ""))
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the final N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            return UNSATISFIABLE
        first, last = max(size - suffix, 0), size - 1
    else:
        first = int(first)
        if last and int(last) < first:
            return None
        if first >= size:
            return UNSATISFIABLE
        last = min(int(last), size - 1) if last else size - 1
    return first, min(last, first + MAX_RANGE_LENGTH - 1)


def partial(response, request):
    """The part of a whole-file response that the request's Range header asks for.

    Safari plays video only from a server that answers ranges; Django's static.serve
    does not (ticket #22479), and the packages that add it are unmaintained since 2017.
    """
    header = request.headers.get("Range")
    if response.status_code != 200 or not header or request.method not in ("GET", "HEAD"):
        return response
    if_range = request.headers.get("If-Range")
    if if_range and if_range != response.get("Last-Modified"):
        return response  # the file changed since the client's first part: send all of it
    size = int(response["Content-Length"])
    wanted = requested_range(header, size)
    if wanted is None:
        return response
    if wanted == UNSATISFIABLE:
        response.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    first, last = wanted
    file = response.file_to_stream
    file.seek(first)
    ranged = HttpResponse(file.read(last - first + 1), status=206)
    response.close()
    for header_name in ("Content-Type", "Last-Modified", "Content-Encoding"):
        if header_name in response:
            ranged[header_name] = response[header_name]
    ranged["Content-Range"] = f"bytes {first}-{last}/{size}"
    return ranged


def media(request, path):
    """Uploads in the embedded default; a web server or object storage takes over at scale."""
    response = partial(serve(request, path, document_root=settings.MEDIA_ROOT), request)
    response["Accept-Ranges"] = "bytes"
    if path.startswith(f"{renditions.FOLDER}/"):
        # Named by a hash of their content: a new image gets new names, so these never change.
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = f"public, max-age={settings.MEDIA_MAX_AGE}"
    return response


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
