from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "goals"

urlpatterns = [
    path(_("goals/"), views.GoalListView.as_view(), name="goal-list"),
]
