from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .links import problems_in
from .rich_text import render_markdown


def markdown_preview(request):
    """What the public page will show for the Markdown in an admin textarea: staff only."""
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    language = request.POST.get("language")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    text = request.POST.get("text", "")
    with translation.override(language):
        html = render_markdown(text)
    # In the editor's language, before the text: what saving would refuse, said at once.
    problems = problems_in(text)
    if problems:
        items = format_html_join("", "<li>{}</li>", ((problem,) for problem in problems))
        html = format_html('<ul class="errorlist">{}</ul>{}', items, html)
    return HttpResponse(html, content_type="text/html; charset=utf-8")


def markdown_help(request):
    """The editors' short guide to Markdown, each example rendered as the site renders it."""
    examples = [
        (
            _("Paragraphs"),
            _("A blank line starts a new paragraph."),
            _("First paragraph.\n\nSecond paragraph."),
        ),
        (
            _("Headings"),
            _(
                "“# ” starts a heading, “## ” a heading below it. The page places them "
                "below its own title."
            ),
            _("# Counselling\n\n## Appointments"),
        ),
        (_("Emphasis"), _("Asterisks around a word."), _("*emphasised* and **bold**")),
        (
            _("Lists"),
            _("A line per item, starting with “- ”, or with “1. ” for a numbered list."),
            _("- Counselling\n- Language courses\n\n1. Register\n2. Choose a date"),
        ),
        (
            _("Links to other websites"),
            _(
                "Text in square brackets, the address in round brackets, always with "
                "https://. An address written on its own becomes a link too."
            ),
            _("[City of Dortmund](https://www.dortmund.de/) or https://www.dortmund.de/"),
        ),
        (
            _("Links to pages of this site"),
            _(
                "The address without the domain, starting with the language: /de/ or /en/. "
                "On saving, every such link is checked: it must lead to a published page."
            ),
            _("[Notices](/en/notices/)"),
        ),
        (
            _("E-mail and phone"),
            _(
                "mailto: before an e-mail address, tel: before a phone number. A number "
                "written the German way (0231 50-0) becomes +49 231 50-0 by itself."
            ),
            _("[Write to us](mailto:info@example.org), [Call us](tel:+49231500)"),
        ),
        (
            _("A passage in another language"),
            _(
                "The passage in square brackets, followed by {lang=…} with the language's "
                "code: ar Arabic, fa Persian, tr Turkish, uk Ukrainian, ru Russian, en "
                "English. Screen readers then read it in that language; the writing "
                "direction (right to left for Arabic and Persian) follows by itself."
            ),
            _("Welcome – [مرحبا بكم]{lang=ar} – [Hoş geldiniz]{lang=tr}"),
        ),
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Writing texts: Markdown"),
        "examples": [
            {"title": title, "explanation": explanation, "source": source}
            | {"rendered": render_markdown(str(source), 4)}
            for title, explanation, source in examples
        ],
    }
    return TemplateResponse(request, "admin/editorial/markdown_help.html", context)
