from django.conf import settings
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve

from goals.models import Masterplan

from .models import FocusArea, FreePage, Notice


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


class FocusAreaListView(ListView):
    queryset = FocusArea.objects.published()
    template_name = "pages/focus_area_list.html"
    context_object_name = "focus_areas"


class NoticeListView(ListView):
    queryset = Notice.objects.published()
    template_name = "pages/notice_list.html"
    context_object_name = "notices"
    paginate_by = 10


class NoticeDetailView(DetailView):
    queryset = Notice.objects.published()
    template_name = "pages/notice_detail.html"
    context_object_name = "notice"


class FreePageDetailView(DetailView):
    queryset = FreePage.objects.published()
    template_name = "pages/free_page.html"
    context_object_name = "page"


def media(request, path):
    """Uploads in the embedded default; a web server or object storage takes over at scale."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={settings.MEDIA_MAX_AGE}"
    return response
