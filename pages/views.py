from datetime import UTC

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_datetime
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve

from goals.models import Masterplan

from . import renditions, search
from .models import AgencyProfile, FocusArea, FreePage, Notice, languages_of_any, site_languages
from .rich_text import render_markdown


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        masterplan = Masterplan.objects.first()
        # Loaded here rather than by the context processor, for its languages; same query.
        profile = AgencyProfile.objects.select_related("hero_photo").first()
        return super().get_context_data(
            site_profile=profile,
            content_languages=profile.content_languages() if profile else site_languages(),
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
        return super().get_context_data(
            content_languages=languages_of_any(self.object_list), **kwargs
        )


class NoticeListView(ListView):
    template_name = "pages/notice_list.html"
    context_object_name = "notices"
    paginate_by = 10

    def get_queryset(self):
        # Per request, never at import: what is published depends on the clock.
        return Notice.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The notices on this page; the template shows the same, already fetched, rows.
        context["content_languages"] = languages_of_any(context["notices"])
        return context


class NoticeDetailView(PreviewDetailMixin, DetailView):
    model = Notice
    template_name = "pages/notice_detail.html"
    context_object_name = "notice"
    extra_context = {"og_type": "article"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(content_languages=self.object.content_languages(), **kwargs)


class FreePageDetailView(PreviewDetailMixin, DetailView):
    model = FreePage
    template_name = "pages/free_page.html"
    context_object_name = "page"

    def get_context_data(self, **kwargs):
        return super().get_context_data(content_languages=self.object.content_languages(), **kwargs)


def search_results(request):
    """The site search: a plain GET form, results ranked and quoted with the words marked."""
    query, shortened = search.clean_query(request.GET.get("q", ""))
    page = Paginator(search.search(query) if query else [], 20).get_page(request.GET.get("page"))
    response = render(
        request,
        "pages/search.html",
        {
            "query": query,
            "shortened": shortened,
            "max_length": search.MAX_QUERY_LENGTH,
            "page_obj": page,
            "results": search.present(page.object_list, query),
        },
    )
    # One page per query string would push the site's pages out of the page cache, and
    # what a citizen searched for is their own business: no shared cache keeps it.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def media(request, path):
    """Uploads in the embedded default; a web server or object storage takes over at scale."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
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


def robots_txt(request):
    """Every public page may be crawled; the sitemap lists them with their languages."""
    lines = ["User-agent: *"]
    # Only the default address: a custom DJANGO_ADMIN_URL is kept out of sight, not announced.
    if settings.ADMIN_URL == "admin/":
        lines.append("Disallow: /admin/")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
