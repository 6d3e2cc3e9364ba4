from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from pages.admin import SingletonAdmin, thumbnail

from .models import Goal, Masterplan


@admin.register(Masterplan)
class MasterplanAdmin(SingletonAdmin):
    fields = ["title", "adopted_by", "description"]


@admin.register(Goal)
class GoalAdmin(TabbedTranslationAdmin):
    list_display = ["text", "order", "preview"]
    list_editable = ["order"]
    list_select_related = ["photo"]
    search_fields = ["text"]
    autocomplete_fields = ["photo"]
    fields = ["masterplan", "text", "order", "photo"]

    @admin.display(description=Goal._meta.get_field("photo").verbose_name)
    def preview(self, goal):
        return thumbnail(goal.photo)
