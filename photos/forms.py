from django import forms
from django.core.exceptions import FieldDoesNotExist

from .validators import ALLOWED_NAMES, INVALID_IMAGE, upload_hint


class NamedErrorsForm(forms.ModelForm):
    """
    Says what is missing, rather than Django's generic "field is required", and lets
    Django's own check of an image (is it one at all?) speak with the upload validator's
    words. A translated field is named by its German column, which is required. Upload
    fields state the formats and limits their validators enforce.
    """

    required_messages = {}
    image_fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field_name, message in self.required_messages.items():
            if field_name in self.fields:
                self.fields[field_name].error_messages["required"] = message
        for field_name, field in self.fields.items():
            try:
                model_field = self._meta.model._meta.get_field(field_name)
            except FieldDoesNotExist:
                continue
            if hint := upload_hint(model_field):
                field.help_text = f"{field.help_text} {hint}" if field.help_text else hint
        for field_name in self.image_fields:
            if field_name in self.fields:
                self.fields[field_name].error_messages["invalid_image"] = INVALID_IMAGE % {
                    "formats": ALLOWED_NAMES
                }
