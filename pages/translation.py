import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    AgencyProfile,
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    SignLanguagePage,
    SignLanguageVideo,
)


@register(AgencyProfile)
class AgencyProfileTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "lead",
        "body",
        "parent_organisation",
        "opening_hours",
        "accessibility_enforcement_name",
    )


@register(FocusArea)
class FocusAreaTranslationOptions(TranslationOptions):
    fields = ("title", "text")


@register(Notice)
class NoticeTranslationOptions(TranslationOptions):
    fields = ("title", "text")


@register(FreePage)
class FreePageTranslationOptions(TranslationOptions):
    fields = ("title", "body")


@register(EasyReadPage)
class EasyReadPageTranslationOptions(TranslationOptions):
    fields = ("title", "body")


@register(SignLanguagePage)
class SignLanguagePageTranslationOptions(TranslationOptions):
    fields = ("title", "intro")


@register(SignLanguageVideo)
class SignLanguageVideoTranslationOptions(TranslationOptions):
    fields = ("title", "transcript")


# The revision history copies the model's columns when it is registered, so it comes after
# modeltranslation has added the language columns: every language is then recorded.
for model in [
    AgencyProfile,
    FocusArea,
    Notice,
    FreePage,
    EasyReadPage,
    SignLanguagePage,
    SignLanguageVideo,
]:
    simple_history.register(model)
