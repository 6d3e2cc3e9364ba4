from django.utils.functional import SimpleLazyObject

from .models import AgencyProfile, FreePage


def site(request):
    """Content every page may show (header, footer, beside the barrier form), each queried
    only by templates that use it."""
    return {
        "site_profile": SimpleLazyObject(lambda: AgencyProfile.one("hero_photo")),
        # Lazy too: even building the query costs more than a kept footer (base.html).
        "footer_pages": SimpleLazyObject(
            lambda: FreePage.objects.published().filter(show_in_footer=True)
        ),
        "accessibility_statement": SimpleLazyObject(
            lambda: FreePage.objects.published().filter(shows_feedback_form=True).first()
        ),
    }
