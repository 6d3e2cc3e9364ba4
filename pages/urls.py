from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(_("focus-areas/"), views.FocusAreaListView.as_view(), name="focus-areas"),
    path(_("notices/"), views.NoticeListView.as_view(), name="notice-list"),
    path(_("notices/<slug:slug>/"), views.NoticeDetailView.as_view(), name="notice-detail"),
    path(_("page/<slug:slug>/"), views.FreePageDetailView.as_view(), name="free-page"),
    path(_("easy-read/"), views.EasyReadView.as_view(), name="easy-read"),
    path(_("sign-language/"), views.SignLanguageView.as_view(), name="sign-language"),
]
