"""What the site search finds of the Masterplan and its goals (search/registry.py). The
numbers place equal matches in the order of the site's navigation, after the focus areas."""

from django.utils.translation import gettext_lazy as _

from search.registry import Searchable, register

from .models import Goal, Masterplan

register(Searchable(_("Masterplan"), 30, Masterplan.the_one, "title", ("description",)))
register(Searchable(_("Goal"), 40, Goal.objects.of_current_masterplan, "text"))
