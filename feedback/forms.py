from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from editorial.widgets import limit_help_text

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser stops typing at the model's limit (maxlength), so say it in words. No
        # live counter: public pages run no script at all (CSP script-src 'none').
        message = self.fields["message"]
        message.help_text = limit_help_text(message.help_text, message.max_length)

    @property
    def retention_days(self):
        """How long a report is kept, which the form tells the visitor."""
        return settings.ACCESSIBILITY_FEEDBACK_RETENTION_DAYS

    @property
    def is_mailed(self):
        return bool(settings.ACCESSIBILITY_FEEDBACK_EMAIL)

    def is_spam(self):
        """True when the honeypot is filled in: answered as if sent, but never stored."""
        return bool(self.data.get("homepage", "").strip())
