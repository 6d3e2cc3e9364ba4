from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "feedback"

urlpatterns = [
    path(_("report-a-barrier/"), views.accessibility_feedback, name="form"),
    path(
        _("report-a-barrier/thanks/"),
        views.AccessibilityFeedbackThanksView.as_view(),
        name="thanks",
    ),
]
