from modeltranslation.translator import TranslationOptions, register

from .models import Goal, Masterplan


@register(Masterplan)
class MasterplanTranslationOptions(TranslationOptions):
    fields = ("title", "description", "adopted_by")


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("text",)
