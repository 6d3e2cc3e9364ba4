from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "photos"

urlpatterns = [
    path(_("picture-credits/"), views.PictureCreditsView.as_view(), name="picture-credits"),
]
