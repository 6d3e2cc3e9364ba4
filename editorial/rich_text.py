"""Editors write Markdown; what reaches the page is sanitised against an allowlist."""

import html
import threading
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings
from django.http.request import validate_host
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

# h1 is the page's own title and never comes from a body.
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "a", "em", "strong", "h2", "h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


# Building a Markdown converter costs more than converting a paragraph with it, so each
# thread keeps one per heading level (a converter is not thread-safe) and resets it.
_local = threading.local()


def _converter(baselevel):
    converters = _local.__dict__.setdefault("converters", {})
    if baselevel not in converters:
        converters[baselevel] = markdown.Markdown(
            extensions=["sane_lists", "toc"],
            # toc's baselevel shifts every heading; it also adds ids, which nh3 drops.
            extension_configs={"toc": {"baselevel": baselevel}},
            output_format="html",
        )
    return converters[baselevel].reset()


def render_markdown(text: str, heading_level: int = 2) -> SafeString:
    """
    Markdown as sanitised HTML. The body's top heading (`#`) becomes `heading_level`, the
    level below the heading the body sits under, so the page's outline stays in order.
    """
    # The result depends on the text, the level, the language of the external-link
    # marker and the site's own hosts, and on nothing else.
    return _render(
        text or "", max(2, min(heading_level, 6)), get_language(), tuple(settings.ALLOWED_HOSTS)
    )


# A page without the page cache (an editor, a cache miss) renders every text again:
# remember recent results. 1024 texts of a few kilobytes stay well inside a worker's memory.
@lru_cache(maxsize=1024)
def _render(text, baselevel, language_code, allowed_hosts):
    clean = nh3.clean(
        _converter(baselevel).convert(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
    )
    return mark_safe(mark_external_links(clean))  # noqa: S308 -- sanitised, then our own markup.


def is_external(href):
    """A web link to a host other than the site's own."""
    parts = urlsplit(href or "")
    if parts.scheme not in {"http", "https", ""} or not parts.hostname:
        return False
    own_hosts = [host for host in settings.ALLOWED_HOSTS if host != "*"]
    return not validate_host(parts.hostname, own_hosts)


class _ExternalLinkMarker(HTMLParser):
    """
    Re-emits nh3's output unchanged, except that external links get rel and a marker that
    screen readers announce. Runs after sanitising, so it also sees links an editor wrote
    as raw HTML, and no editor attribute can fake or hide the marker.
    """

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.parts = []
        self.in_external_link = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and is_external(values.get("href")):
            self.in_external_link = True
            self.parts.append(
                format_html(
                    '<a href="{}"{} class="external-link" rel="noopener noreferrer">',
                    values["href"],
                    format_html(' title="{}"', values["title"]) if values.get("title") else "",
                )
            )
        else:
            self.parts.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.parts.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "a" and self.in_external_link:
            self.in_external_link = False
            self.parts.append(
                format_html('<span class="visually-hidden"> {}</span>', gettext("(external link)"))
            )
        self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        self.parts.append(data)

    def handle_entityref(self, name):
        self.parts.append(f"&{name};")

    def handle_charref(self, name):
        self.parts.append(f"&#{name};")


def mark_external_links(html):
    marker = _ExternalLinkMarker()
    marker.feed(html)
    marker.close()
    return "".join(marker.parts)


def render_plain_text(text: str) -> str:
    """The words of an editor's Markdown without any markup, for attributes such as a meta
    description. Deliberately not marked safe: the template escapes it once, as any text."""
    # The spans are our own "(external link)" markers, which a description does without.
    words = nh3.clean(render_markdown(text), tags=set(), clean_content_tags={"span"})
    return html.unescape(words).strip()
