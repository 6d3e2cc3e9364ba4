from functools import lru_cache

from django import template
from django.conf import settings
from django.template.defaultfilters import truncatewords_html
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from editorial.page_content import language_of
from editorial.rich_text import render_markdown, render_plain_text

register = template.Library()


@register.filter
def markdown(text, heading_level=2):
    """Render an editor's Markdown as sanitised HTML; `|markdown:3` where it sits under an h2."""
    return render_markdown(text, int(heading_level))


@register.filter
def markdown_teaser(text, heading_level=2):
    """The first 40 words of an editor's Markdown, as sanitised HTML."""
    return _first_words(render_markdown(text, int(heading_level)))


# Cutting HTML at a word count parses it again, which costs more than the rest of a
# teaser; the same HTML is always cut the same way.
@lru_cache(maxsize=1024)
def _first_words(html):
    return mark_safe(truncatewords_html(html, 40))  # noqa: S308 -- cut from sanitised HTML.


@register.filter
def plain_text(text):
    """An editor's Markdown as plain, unmarked text (escaped by the template like any text)."""
    return render_plain_text(text)


@register.simple_tag
def fallback_language(obj, field_name):
    """The language a field falls back to, or "" where the visitor's language has its own text."""
    language_code = language_of(obj, field_name)
    return "" if language_code == get_language() else language_code


@register.simple_tag
def lang_attr(obj, field_name):
    """` lang="de"` where a field falls back to another language, so screen readers switch voice."""
    language_code = fallback_language(obj, field_name)
    return format_html(' lang="{}"', language_code) if language_code else ""


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language, each named in its own language."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    links = []
    for language_code, _name in settings.LANGUAGES:
        info = get_language_info(language_code)
        url = translate_url(path, language_code)
        if url == path and language_code != current:
            # A page with no counterpart (a 404, say) leads to that language's home page.
            with translation.override(language_code):
                url = reverse("home")
        links.append(
            {
                "code": language_code,
                "name": info["name_local"],
                "url": url,
                "is_current": language_code == current,
            }
        )
    return links
