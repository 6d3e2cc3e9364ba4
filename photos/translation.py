import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Photo


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption")


# After modeltranslation has added the language columns, so the history records them all.
simple_history.register(Photo, table_name="pages_historicalphoto")
