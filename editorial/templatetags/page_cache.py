"""`{% fragment_version as version %}`: what a cached fragment of the layout (header,
footer) is keyed by, so that it changes with the content and the clock as pages do."""

from django import template

from editorial.page_cache import content_version, next_schedule_change

register = template.Library()


@register.simple_tag(takes_context=True)
def fragment_version(context):
    """The content version and the next scheduled change, or "" without a request (the
    500 page, which must not touch the database): then nothing is cached."""
    request = context.get("request")
    if request is None:
        return ""
    version = getattr(request, "fragment_version", None)
    if version is None:
        change = next_schedule_change()
        version = f"{content_version()}.{change.timestamp() if change else ''}"
        request.fragment_version = version
    return version
