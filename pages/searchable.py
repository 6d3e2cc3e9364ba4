"""What the site search finds of the agency's own pages (search/registry.py). The numbers
place equal matches in the order of the site's navigation."""

from django.utils.translation import gettext_lazy as _

from search.registry import Searchable, register

from .models import (
    AgencyProfile,
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    SignLanguagePage,
    SignLanguageVideo,
)

register(Searchable(_("About us"), 10, AgencyProfile.the_one, "name", ("lead", "body")))
register(Searchable(_("Focus area"), 20, FocusArea.objects.published, "title", ("text",)))
register(Searchable(_("Notice"), 50, Notice.objects.published, "title", ("text",)))
register(Searchable(_("Page"), 60, FreePage.objects.published, "title", ("body",)))
register(Searchable(_("Easy Read"), 70, EasyReadPage.the_one, "title", ("body",)))
register(Searchable(_("Sign language"), 80, SignLanguagePage.the_one, "title", ("intro",)))
register(
    Searchable(
        _("Sign language video"), 90, SignLanguageVideo.objects.published, "title", ("transcript",)
    )
)
