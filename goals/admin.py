from django.contrib import admin

from editorial.content_admin import (
    EditorialAdmin,
    SingletonAdmin,
    SortableContentAdmin,
    TranslatedContentAdmin,
)
from photos.admin import thumbnail

from .models import Goal, Masterplan


@admin.register(Masterplan)
class MasterplanAdmin(SingletonAdmin):
    markdown_fields = ["description"]
    fields = ["title", "adopted_by", "description"]


@admin.register(Goal)
class GoalAdmin(SortableContentAdmin, EditorialAdmin, TranslatedContentAdmin):
    # The order column becomes the drag handle.
    list_display = ["order", "text", "preview"]
    list_select_related = ["photo"]
    search_fields = ["text"]
    autocomplete_fields = ["photo"]
    fields = ["masterplan", "text", "order", "photo"]

    @admin.display(description=Goal._meta.get_field("photo").verbose_name)
    def preview(self, goal):
        return thumbnail(goal.photo)
