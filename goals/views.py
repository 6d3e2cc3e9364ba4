from django.views.generic import TemplateView

from editorial.page_content import last_updated

from .models import Goal, Masterplan, goal_page_languages


def goal_page_content():
    """What the goals page shows, with its languages and date (the sitemap asks too)."""
    masterplan = Masterplan.one()
    # Fetched here, once: the template lists the same rows.
    goals = list(Goal.objects.of_current_masterplan().select_related("photo"))
    return {
        "masterplan": masterplan,
        "goals": goals,
        "content_languages": goal_page_languages(masterplan, goals),
        "last_updated": last_updated(masterplan, goals, [goal.photo for goal in goals]),
    }


class GoalListView(TemplateView):
    template_name = "goals/goal_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**goal_page_content(), **kwargs)
