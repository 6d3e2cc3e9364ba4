from django.views.generic import TemplateView

from .models import Masterplan


class GoalListView(TemplateView):
    template_name = "goals/goal_list.html"

    def get_context_data(self, **kwargs):
        masterplan = Masterplan.objects.first()
        return super().get_context_data(
            masterplan=masterplan,
            goals=masterplan.goals.select_related("photo") if masterplan else [],
            **kwargs,
        )
