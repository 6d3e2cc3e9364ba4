import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Goal, Masterplan


@register(Masterplan)
class MasterplanTranslationOptions(TranslationOptions):
    fields = ("title", "description", "adopted_by")


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("text",)


# After modeltranslation has added the language columns, so the history records them all.
for model in [Masterplan, Goal]:
    simple_history.register(model)
