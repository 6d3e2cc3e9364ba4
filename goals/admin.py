from django.contrib import admin

from pages.admin import SingletonAdmin, TranslatedContentAdmin, thumbnail

from .models import Goal, Masterplan


@admin.register(Masterplan)
class MasterplanAdmin(SingletonAdmin):
    markdown_fields = ["description"]
    fields = ["title", "adopted_by", "description"]


@admin.register(Goal)
class GoalAdmin(TranslatedContentAdmin):
    list_display = ["text", "order", "preview"]
    list_editable = ["order"]
    list_select_related = ["photo"]
    search_fields = ["text"]
    autocomplete_fields = ["photo"]
    fields = ["masterplan", "text", "order", "photo"]

    @admin.display(description=Goal._meta.get_field("photo").verbose_name)
    def preview(self, goal):
        return thumbnail(goal.photo)
