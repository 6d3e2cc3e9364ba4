"""What the site search finds of the Masterplan and its goals (search/registry.py)."""

from django.utils.translation import gettext_lazy as _

from search.registry import Searchable, register

from .models import Goal, Masterplan

register(Searchable(_("Masterplan"), Masterplan.the_one, "title", ("description",)))
register(Searchable(_("Goal"), Goal.objects.of_current_masterplan, "text"))
