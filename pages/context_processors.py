from django.utils.functional import SimpleLazyObject

from .models import AgencyProfile, FreePage


def site(request):
    """Header and footer content, queried only by templates that use it."""
    return {
        "site_profile": SimpleLazyObject(
            lambda: AgencyProfile.objects.select_related("hero_photo").first()
        ),
        "footer_pages": FreePage.objects.published().filter(show_in_footer=True),
    }
