import json

from django import forms
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext


class MarkdownTextarea(forms.Textarea):
    """A textarea with a small Markdown toolbar and a preview rendered by the server."""

    def __init__(self, language, attrs=None):
        super().__init__(attrs)
        self.language = language

    class Media:
        css = {"all": ["css/markdown-editor.css"]}
        js = ["js/markdown-editor.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Labels are rendered here, in the editor's language, so the script needs no catalogue.
        labels = {
            "heading": gettext("Heading"),
            "emphasis": gettext("Emphasis"),
            "strong": gettext("Bold"),
            "list": gettext("List"),
            "link": gettext("Link"),
            "preview": gettext("Preview"),
            "linkPrompt": gettext("Address of the link (https://…)"),
            "previewFailed": gettext("The preview could not be loaded."),
        }
        context["widget"]["attrs"].update(
            {
                "data-markdown-preview": reverse("markdown-preview"),
                "data-language": self.language,
                "data-labels": json.dumps(labels),
            }
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # A plain link below the field, so the help is there without the script too. A new
        # tab, so the text being written stays as it is.
        return super().render(name, value, attrs, renderer) + format_html(
            '<p class="markdown-help"><a href="{}" target="_blank" rel="noopener">{}</a></p>',
            reverse("markdown-help"),
            gettext("Help with formatting, links and other languages (opens in a new tab)"),
        )


def character_count_attrs():
    """
    The attribute that gives a field with a maxlength its live counter
    (static/js/character-count.js), worded in the current language, so the script needs
    no catalogue. Without JavaScript the limit is still stated in the help text.
    """
    return {"data-character-count": gettext("Characters left: %(remaining)s of %(limit)s")}


def limit_help_text(help_text, limit):
    """A help text that states the field's character limit, for everyone to see."""
    stated = ngettext("Up to %(limit)s character.", "Up to %(limit)s characters.", limit) % {
        "limit": number_format(limit, force_grouping=True)
    }
    return f"{help_text} {stated}" if help_text else stated


def state_character_limit(formfield):
    """Give a text field with a max_length its stated limit and its live counter."""
    limit = getattr(formfield, "max_length", None)
    if limit and isinstance(formfield.widget, (forms.TextInput, forms.Textarea)):
        formfield.help_text = limit_help_text(formfield.help_text, limit)
        formfield.widget.attrs.update(character_count_attrs())
    return formfield
