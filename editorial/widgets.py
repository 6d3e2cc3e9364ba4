import json

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext


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
