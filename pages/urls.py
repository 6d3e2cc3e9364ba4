from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views
from .feeds import NoticeFeed

app_name = "pages"

urlpatterns = [
    path(_("focus-areas/"), views.FocusAreaListView.as_view(), name="focus-areas"),
    path(_("notices/"), views.NoticeListView.as_view(), name="notice-list"),
    # Not notices/feed/: that address belongs to a notice an editor may call "feed".
    path(_("notices/feed.xml"), NoticeFeed(), name="notice-feed"),
    path(_("notices/<slug:slug>/"), views.NoticeDetailView.as_view(), name="notice-detail"),
    path(_("page/<slug:slug>/"), views.FreePageDetailView.as_view(), name="free-page"),
    path(_("easy-read/"), views.EasyReadView.as_view(), name="easy-read"),
    path(_("sign-language/"), views.SignLanguageView.as_view(), name="sign-language"),
]
