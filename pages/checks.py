"""The legal pages as duties of the operator (content_checks.duties: the tag "content")."""

from django.core import checks
from django.utils.translation import gettext

from content_checks.duties import register_duty

from .models import FreePage


def legal_page_names():
    # Their German names: the law's own words, which editors look for in the admin.
    return {
        "impressum": gettext("Impressum"),
        "datenschutz": gettext("Datenschutzerklärung"),
        "barrierefreiheit": gettext("Erklärung zur Barrierefreiheit"),
    }


@register_duty
def legal_pages_are_published_and_complete(**kwargs):
    names = legal_page_names()
    pages = {page.slug: page for page in FreePage.objects.filter(slug__in=names)}
    live = set(FreePage.objects.published().filter(slug__in=names).values_list("slug", flat=True))
    found = []
    for slug, name in names.items():
        page = pages.get(slug)
        if page is not None and page.has_open_gaps():
            found.append(
                checks.Warning(
                    gettext("%(page)s still has gaps marked “[Bitte ergänzen: …]”.")
                    % {"page": name},
                    hint=gettext("Fill them in and delete the notes, then publish the page."),
                    id="pages.W002",
                )
            )
        elif slug not in live:
            found.append(
                checks.Warning(
                    gettext("%(page)s is not published.") % {"page": name},
                    hint=gettext("Publish the free page with the address “%(slug)s”.")
                    % {"slug": slug},
                    id="pages.W001",
                )
            )
    return found
