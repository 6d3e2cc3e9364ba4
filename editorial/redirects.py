"""
Old addresses keep working: when a save changes where a page lives (its slug), every
address it had, in every language, is remembered and answered with a 301 to the page's
current address. Only requests that would otherwise be a 404 are redirected, so an old
address never shadows a live page, and a page that takes its old address back simply
answers there again.
"""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import SlugField
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpResponsePermanentRedirect
from django.utils import translation

from .models import OldAddress
from .registry import content_models


@functools.cache
def moving_models():
    """Content whose address can change: it has a page of its own, named by a slug."""
    return frozenset(
        model
        for model in content_models()
        if hasattr(model, "get_absolute_url")
        and any(isinstance(field, SlugField) for field in model._meta.fields)
    )


def moves(model):
    return model in moving_models()


def addresses(obj):
    """The paths of `obj`'s page, one per language."""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.add(urlsplit(obj.get_absolute_url()).path)
    return paths


def is_public(obj):
    manager = type(obj)._default_manager
    queryset = manager.published() if hasattr(manager, "published") else manager.all()
    return queryset.filter(pk=obj.pk).exists()


def redirect_target(path):
    """The current address of the public page that once lived at `path`, or None."""
    if "\x00" in path:
        return None  # never stored, and PostgreSQL refuses it in a query
    old = OldAddress.objects.filter(path=path).select_related("content_type").first()
    if old is None:
        return None
    obj = old.content_object
    if obj is None or not is_public(obj):
        return None
    language = path.lstrip("/").split("/", 1)[0]
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        target = obj.get_absolute_url()
    return None if urlsplit(target).path == path else target


def remember_addresses(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or not moves(sender):
        return
    before = sender._default_manager.filter(pk=instance.pk).first()
    instance._addresses_before = addresses(before) if before is not None else set()


def record_move(sender, instance, raw=False, **kwargs):
    if raw or not moves(sender):
        return
    now = addresses(instance)
    # An address in use again belongs to the page that has it; no redirect may loop there.
    OldAddress.objects.filter(path__in=now).delete()
    content_type = ContentType.objects.get_for_model(sender)
    for path in getattr(instance, "_addresses_before", set()) - now:
        OldAddress.objects.update_or_create(
            path=path, defaults={"content_type": content_type, "object_id": instance.pk}
        )
    instance._addresses_before = now


def forget_addresses(sender, instance, **kwargs):
    if moves(sender):
        OldAddress.objects.filter(
            content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
        ).delete()


def connect_signals():
    pre_save.connect(remember_addresses, dispatch_uid="redirects:pre_save")
    post_save.connect(record_move, dispatch_uid="redirects:post_save")
    post_delete.connect(forget_addresses, dispatch_uid="redirects:post_delete")


class OldAddressMiddleware:
    """Answers a request for a page's old address with a 301 to its current one. Below the
    page cache, which stores only 200s, so every old address is looked up afresh."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = redirect_target(request.path_info)
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
