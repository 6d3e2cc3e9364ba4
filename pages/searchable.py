"""What the site search finds of the agency's own pages (search/registry.py)."""

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

register(Searchable(_("About us"), AgencyProfile.the_one, "name", ("lead", "body")))
register(Searchable(_("Focus area"), FocusArea.objects.published, "title", ("text",)))
register(Searchable(_("Notice"), Notice.objects.published, "title", ("text",)))
register(Searchable(_("Page"), FreePage.objects.published, "title", ("body",)))
register(Searchable(_("Easy Read"), EasyReadPage.the_one, "title", ("body",)))
register(Searchable(_("Sign language"), SignLanguagePage.the_one, "title", ("intro",)))
register(
    Searchable(
        _("Sign language video"), SignLanguageVideo.objects.published, "title", ("transcript",)
    )
)
