from django.views.generic import TemplateView

from pages.views import last_updated

from .models import Masterplan, goal_page_languages


def goal_page_content():
    """What the goals page shows, with its languages and date (the sitemap asks too)."""
    masterplan = Masterplan.objects.first()
    goals = masterplan.goals.select_related("photo") if masterplan else []
    return {
        "masterplan": masterplan,
        "goals": goals,
        # Fetches the goals once; the template lists the same rows.
        "content_languages": goal_page_languages(masterplan, goals),
        "last_updated": last_updated(masterplan, goals, [goal.photo for goal in goals]),
    }


class GoalListView(TemplateView):
    template_name = "goals/goal_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**goal_page_content(), **kwargs)
