from django import forms

from .validators import ALLOWED_NAMES, INVALID_IMAGE


class NamedErrorsForm(forms.ModelForm):
    """
    Says what is missing, rather than Django's generic "field is required", and lets
    Django's own check of an image (is it one at all?) speak with the upload validator's
    words. A translated field is named by its German column, which is required.
    """

    required_messages = {}
    image_fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field_name, message in self.required_messages.items():
            if field_name in self.fields:
                self.fields[field_name].error_messages["required"] = message
        for field_name in self.image_fields:
            if field_name in self.fields:
                self.fields[field_name].error_messages["invalid_image"] = INVALID_IMAGE % {
                    "formats": ALLOWED_NAMES
                }
