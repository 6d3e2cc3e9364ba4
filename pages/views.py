from django.views.generic import DetailView, ListView, TemplateView

from editorial.page_content import languages_of_any, last_updated

from .models import (
    AgencyProfile,
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    SignLanguagePage,
    SignLanguageVideo,
)

# The `*_content()` functions below say what a page shows, with the languages its content
# exists in and when it last changed: its view renders them, and the sitemap lists the
# page from the same answer (miado_site/sitemaps.py).


def list_page_content(objects):
    """A list's languages and date: those of the rows on this page of it."""
    return {"content_languages": languages_of_any(objects), "last_updated": last_updated(objects)}


def focus_area_content():
    return list_page_content(list(FocusArea.objects.published()))


def notice_list_content():
    # The first page of the list, as its view shows it.
    return list_page_content(list(Notice.objects.published()[: NoticeListView.paginate_by]))


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
        # Never stored by any cache: only logged-in staff see previews, and the page cache
        # marks every response for a logged-in user private.
        return super().get_context_data(preview=self.preview, **kwargs)


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
        return super().get_context_data(**list_page_content(self.object_list), **kwargs)


class NoticeListView(ListView):
    template_name = "pages/notice_list.html"
    context_object_name = "notices"
    paginate_by = 10

    def get_queryset(self):
        # Per request, never at import: what is published depends on the clock.
        return Notice.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The notices on this page of the list, the same rows the template shows.
        context.update(list_page_content(context["notices"]))
        return context


class LastUpdatedMixin:
    """A detail page is as new as its object."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("last_updated", last_updated(self.object))
        return super().get_context_data(**kwargs)


class NoticeDetailView(LastUpdatedMixin, PreviewDetailMixin, DetailView):
    model = Notice
    template_name = "pages/notice_detail.html"
    context_object_name = "notice"
    extra_context = {"og_type": "article"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(content_languages=self.object.content_languages(), **kwargs)


class FreePageDetailView(LastUpdatedMixin, PreviewDetailMixin, DetailView):
    model = FreePage
    template_name = "pages/free_page.html"
    context_object_name = "page"

    def get_context_data(self, **kwargs):
        if self.object.shows_feedback_form:
            # Beside the form the page names the enforcement body, from the agency profile:
            # part of what it shows, so the profile's changes count for its date too.
            profile = AgencyProfile.one("hero_photo")
            kwargs.update(site_profile=profile, last_updated=last_updated(self.object, profile))
        return super().get_context_data(content_languages=self.object.content_languages(), **kwargs)


class EasyReadView(TemplateView):
    """The site in Leichte Sprache (BITV 2.0 § 4)."""

    template_name = "pages/easy_read.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**easy_read_content(), **kwargs)


def easy_read_content():
    page = EasyReadPage.one()
    return {
        "page": page,
        "content_languages": page.content_languages() if page else None,
        "last_updated": last_updated(page),
    }


class SignLanguageView(TemplateView):
    """Videos in German Sign Language with their transcripts (BITV 2.0 § 4)."""

    template_name = "pages/sign_language.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**sign_language_content(), **kwargs)


def sign_language_content():
    page = SignLanguagePage.one()
    videos = SignLanguageVideo.objects.published()
    return {
        "page": page,
        "videos": videos,
        "content_languages": page.content_languages() if page else None,
        "last_updated": last_updated(page, videos),
    }
