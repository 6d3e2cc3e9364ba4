from django.views.generic import TemplateView

from editorial.page_content import last_updated

from .models import Photo


def picture_credits_content():
    """What the Bildnachweis shows, and since when (the sitemap asks too). Interface text
    around the photos' credits, which are names and need no translation."""
    photos = list(Photo.objects.all())
    return {"photos": photos, "last_updated": last_updated(photos)}


class PictureCreditsView(TemplateView):
    """
    The Bildnachweis: every photo record, with its credit, role and licence.

    Every record, not only the photos some page uses: a photo listed here is shown
    here too, with its credit beside it, so no photo reaches the public uncredited,
    and the rule needs to know nothing about which pages use photos.
    """

    template_name = "photos/picture_credits.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**picture_credits_content(), **kwargs)
