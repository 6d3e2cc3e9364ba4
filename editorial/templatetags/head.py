"""What search engines, feed readers and link previews read in a page's <head>."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, to_locale

from editorial.page_content import interface_languages
from editorial.rich_text import render_plain_text

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Rendered (and so escaped) by the template itself; only the whitespace is folded.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """
    `{% capture as name %}…{% endcapture %}` renders its content once into `name`, so that
    a block such as `title` fills `<title>` and `og:title` alike (a block can appear only
    once in a template).
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


def page_path(context, language_code):
    """This page's path in another language; a list keeps its page number beyond the first."""
    request = context["request"]
    path = translate_url(request.path, language_code)
    page_obj = context.get("page_obj")
    if page_obj is not None and page_obj.number > 1:
        path += f"?page={page_obj.number}"
    return request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def head_links(context):
    """
    The canonical address, the hreflang alternates and the Open Graph locales of this page.

    A page is offered in the languages in which its content exists (`content_languages`
    from the view; interface-only pages exist in every language the interface is translated
    into). Viewed in one of them, the page is
    its own canonical and names all of them, plus x-default: the German page, for readers
    of any other language. Viewed in a language whose text falls back to German, it is a
    copy of the German page: that is its canonical, and it names no alternates, since it is
    not one of them.
    """
    if context.get("request") is None:
        return None
    languages = list(context.get("content_languages") or interface_languages())
    current = get_language()
    own = current in languages
    canonical_language = current if own else settings.LANGUAGE_CODE
    alternates = []
    if own:
        alternates = [{"code": code, "url": page_path(context, code)} for code in languages]
        if settings.LANGUAGE_CODE in languages:
            alternates.append(
                {"code": "x-default", "url": page_path(context, settings.LANGUAGE_CODE)}
            )
    return {
        "canonical": page_path(context, canonical_language),
        "alternates": alternates,
        "locale": to_locale(canonical_language),
        "locale_alternates": [
            to_locale(code) for code in languages if own and code != canonical_language
        ],
    }


@register.simple_tag(takes_context=True)
def share_image(context, photo=None):
    """
    The largest plain (JPEG or PNG) rendition of `photo`, as link previews want it; by
    default the agency's hero photo.
    """
    if photo is None:
        profile = context.get("site_profile")
        photo = profile.hero_photo if profile else None
    if not photo:
        return None
    picture = photo.picture
    if picture:
        url = picture["fallback_src"]
        width = int(picture["fallback_srcset"].rsplit(" ", 1)[1].rstrip("w"))
    else:
        url, width = photo.image.url, photo.width
    height = round(photo.height * width / photo.width) if width and photo.width else None
    return {
        "url": context["request"].build_absolute_uri(url),
        "width": width,
        "height": height,
        "alt": photo.alt_text,
    }


def json_ld(data):
    """
    schema.org data in `<script type="application/ld+json">`, escaped as Django's
    json_script escapes it: <, > and & become \\u escapes, so no text an editor writes
    (say "</script>") can end the element.
    """
    script = json_script(data)
    return mark_safe(  # noqa: S308 -- json_script's own escaped output, type changed.
        script.replace('<script type="application/json">', '<script type="application/ld+json">', 1)
    )


@register.simple_tag(takes_context=True)
def organisation_json_ld(context, profile):
    """The agency as a schema.org GovernmentOrganization, with only the facts it has."""
    if not profile:
        return ""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": profile.name,
        "url": request.build_absolute_uri(reverse("home")),
    }
    if profile.short_name:
        data["alternateName"] = profile.short_name
    if profile.lead:
        data["description"] = render_plain_text(profile.lead)
    if profile.address:
        data["address"] = ", ".join(
            line.strip() for line in profile.address.splitlines() if line.strip()
        )
    if profile.email:
        data["email"] = profile.email
    if profile.phone:
        data["telephone"] = profile.phone
    if profile.parent_organisation:
        data["parentOrganization"] = {
            "@type": "GovernmentOrganization",
            "name": profile.parent_organisation,
        }
    if profile.hero_photo:
        data["image"] = share_image(context, profile.hero_photo)["url"]
    return json_ld(data)
