"""Editors write Markdown; what reaches the page is sanitised against an allowlist."""

import html
import re
import threading
import xml.etree.ElementTree as etree
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import langcodes
import markdown
import nh3
from django.conf import settings
from django.http.request import validate_host
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from markdown.inlinepatterns import InlineProcessor

from .links import rendered_href

# h1 is the page's own title and never comes from a body.
ALLOWED_TAGS = {
    *("p", "br", "ul", "ol", "li", "a", "em", "strong", "span"),
    *("h2", "h3", "h4", "h5", "h6"),
}
# `lang` is checked, and `dir` added from it, after sanitising (_PostProcessor).
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"lang"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Scripts written right to left (ISO 15924), for a passage's `dir`.
RTL_SCRIPTS = {"Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"}
# A bare web address in running text becomes a link; trailing punctuation is the sentence's.
BARE_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


class ForeignLanguagePattern(InlineProcessor):
    """`[Marhaban]{lang=ar}`: a passage in another language, as Pandoc's bracketed spans
    write it, so screen readers switch voice (WCAG 3.1.2)."""

    def handleMatch(self, m, data):
        element = etree.Element("span", {"lang": m.group(2)})
        element.text = m.group(1)
        return element, m.start(0), m.end(0)


class ForeignLanguageExtension(markdown.Extension):
    def extendMarkdown(self, md):
        # Before links (160), which would otherwise read `[…]` as a reference.
        md.inlinePatterns.register(
            ForeignLanguagePattern(r"\[([^\]]+)\]\{\s*:?\s*lang=[\"']?([^\s\"'}]+)[\"']?\s*\}", md),
            "foreign_language",
            175,
        )


def text_direction(lang):
    """("ar", "rtl"), ("tr", "ltr"), or None for a tag that is no valid BCP 47 language."""
    if not lang or len(lang) > 35 or not langcodes.tag_is_valid(lang):
        return None
    script = langcodes.Language.get(lang).maximize().script
    return langcodes.standardize_tag(lang), "rtl" if script in RTL_SCRIPTS else "ltr"


# Building a Markdown converter costs more than converting a paragraph with it, so each
# thread keeps one per heading level (a converter is not thread-safe) and resets it.
_local = threading.local()


def _converter(baselevel):
    converters = _local.__dict__.setdefault("converters", {})
    if baselevel not in converters:
        converters[baselevel] = markdown.Markdown(
            extensions=["sane_lists", "toc", ForeignLanguageExtension()],
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
    return mark_safe(post_process(clean))  # noqa: S308 -- sanitised, then our own markup.


def is_external(href):
    """A web link to a host other than the site's own."""
    parts = urlsplit(href or "")
    if parts.scheme not in {"http", "https", ""} or not parts.hostname:
        return False
    own_hosts = [host for host in settings.ALLOWED_HOSTS if host != "*"]
    return not validate_host(parts.hostname, own_hosts)


class _PostProcessor(HTMLParser):
    """
    Re-emits nh3's output, except that: external links get rel and a marker that screen
    readers announce; an e-mail address or phone number written as a link without its
    scheme gets mailto: or tel:; bare web addresses become links; a passage's `lang` is
    kept only if it is a valid language tag, with `dir` from its script. Runs after
    sanitising, so it also sees what an editor wrote as raw HTML, and no editor attribute
    can fake or hide the marker.
    """

    def __init__(self, mark_external=True):
        super().__init__(convert_charrefs=True)
        self.mark_external = mark_external
        self.parts = []
        self.open_links = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a":
            href = rendered_href(values.get("href"))
            self.open_links.append(self.mark_external and is_external(href))
            self.parts.append(self.link_start(href, values.get("title")))
        elif tag == "span":
            found = text_direction(values.get("lang"))
            self.parts.append(
                format_html('<span lang="{}" dir="{}">', *found) if found else "<span>"
            )
        else:
            self.parts.append(self.get_starttag_text())

    def link_start(self, href, title=None):
        title = format_html(' title="{}"', title) if title else ""
        if href is None:
            return format_html("<a{}>", title)
        if self.mark_external and is_external(href):
            return format_html(
                '<a href="{}"{} class="external-link" rel="noopener noreferrer">', href, title
            )
        return format_html('<a href="{}"{}>', href, title)

    def link_end(self, external):
        if external:
            return format_html(
                '<span class="visually-hidden"> {}</span></a>', gettext("(external link)")
            )
        return "</a>"

    def handle_startendtag(self, tag, attrs):
        self.parts.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "a" and self.open_links:
            self.parts.append(self.link_end(self.open_links.pop()))
        else:
            self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        if self.open_links:
            self.parts.append(html.escape(data, quote=False))
            return
        position = 0
        for match in BARE_URL.finditer(data):
            url = match.group(0).rstrip(".,;:!?")
            if url.endswith(")") and "(" not in url:
                url = url[:-1]
            self.parts.append(html.escape(data[position : match.start()], quote=False))
            external = self.mark_external and is_external(url)
            self.parts.append(self.link_start(url))
            self.parts.append(html.escape(url, quote=False))
            self.parts.append(self.link_end(external))
            position = match.start() + len(url)
        self.parts.append(html.escape(data[position:], quote=False))


def post_process(html, mark_external=True):
    processor = _PostProcessor(mark_external)
    processor.feed(html)
    processor.close()
    return "".join(processor.parts)


def render_plain_text(text: str) -> str:
    """The words of an editor's Markdown without any markup, for attributes such as a meta
    description. Deliberately not marked safe: the template escapes it once, as any text."""
    # Without our own "(external link)" markers, which a description does without.
    marked = nh3.clean(
        _converter(2).convert(text or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
    )
    words = nh3.clean(post_process(marked, mark_external=False), tags=set())
    return html.unescape(words).strip()
