"""`{% fragment_version as version %}`: what a cached fragment of the layout (header,
footer) is keyed by, so that it changes with the content and the clock as pages do;
`{% kept_fragment %}`: a page's own head and main content, kept the same way."""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from editorial.page_cache import version_with_schedule

register = template.Library()

# Versions make expiry unnecessary for correctness; this only lets unused fragments age out.
FRAGMENT_SECONDS = 60 * 60 * 24


@register.simple_tag(takes_context=True)
def fragment_version(context):
    """The content version and the next scheduled change, or "" without a request (the
    500 page, which must not touch the database): then nothing is cached."""
    request = context.get("request")
    if request is None:
        return ""
    version = getattr(request, "fragment_version", None)
    if version is None:
        version = request.fragment_version = version_with_schedule()
    return version


class KeptFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        key = kept_fragment_key(context, self.name)
        if key is None:
            return self.nodelist.render(context)
        kept = cache.get(key)
        if kept is not None:
            return mark_safe(kept)  # noqa: S308 - rendered (and escaped) by this template
        token_used_before = csrf_token_used(context["request"])
        html = self.nodelist.render(context)
        # A fragment with a form carries this visitor's CSRF token: it is theirs alone.
        if token_used_before or not csrf_token_used(context["request"]):
            cache.set(key, str(html), FRAGMENT_SECONDS)
        return html


def csrf_token_used(request):
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def kept_fragment_key(context, name):
    """The cache key of this page's fragment, or None when it is this visitor's own: a
    preview, a visitor with a session (staff see unpublished items), a query string (a search, a
    list's later page), a POST, or a page without a request (the 500 page)."""
    request = context.get("request")
    if request is None or context.get("preview") or request.GET:
        return None
    if request.method not in ("GET", "HEAD"):
        return None
    # Everyone logged in has a session; asking request.user would read it and add
    # "Vary: Cookie" to every page.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    version = fragment_version(context)
    if not version:
        return None  # the 503 page: no version to keep anything by
    # The whole address (the head names the page's canonical URL, scheme and host included),
    # and the template: an address answered by the maintenance page, a 404 or a 429 keeps
    # those apart from its own page.
    page = f"{context.template.origin.template_name}:{request.build_absolute_uri(request.path)}"
    address = hashlib.sha256(page.encode()).hexdigest()
    return f"fragment:{name}:{get_language()}:{address}:{version}"


@register.tag
def kept_fragment(parser, token):
    """
    `{% kept_fragment "main" %}…{% endkept_fragment %}`: the page's own part (head, main
    content) kept per fragment name, language, address and content version with the next
    scheduled change, so that a render without the page cache (an editor's visit, the first
    visit after a save) does the page's work once per version. The view's context must stay
    lazy, so that a kept fragment costs no queries. Never kept: what belongs to one visitor
    (kept_fragment_key), and a fragment that used the visitor's CSRF token.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(
            'Usage: {% kept_fragment "name" %}…{% endkept_fragment %}'
        )
    nodelist = parser.parse(("endkept_fragment",))
    parser.delete_first_token()
    return KeptFragmentNode(bits[1].strip("\"'"), nodelist)
