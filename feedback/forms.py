from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessibilityFeedback


class AccessibilityFeedbackForm(forms.ModelForm):
    """What a visitor sends to report a barrier; the form on the accessibility statement."""

    # The honeypot: hidden from sight (CSS), not from screen readers, whose users its label
    # asks to leave it empty. Spam robots fill in every field they find, this one too.
    homepage = forms.CharField(
        label=_("Please leave this field empty. It catches automated spam."),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = AccessibilityFeedback
        fields = ["name", "email", "page", "message"]
        labels = {
            "name": _("Your name (optional)"),
            "email": _("Your e-mail address"),
            "page": _("Which page is it about? (optional)"),
            "message": _("Your message"),
        }
        help_texts = {
            "email": _("So that we can answer you."),
            "page": _("The address (URL) or the title of the page."),
            "message": _("Describe the barrier: what did you want to do, and what did not work?"),
        }
        error_messages = {
            "email": {
                "required": _("Please enter your e-mail address, so that we can answer you."),
                "invalid": _("Please enter a valid e-mail address, such as name@example.org."),
            },
            "message": {"required": _("Please describe the barrier you found.")},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "page": forms.TextInput(attrs={"autocomplete": "off"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }

    def is_spam(self):
        """True when the honeypot is filled in: answered as if sent, but never stored."""
        return bool(self.data.get("homepage", "").strip())
