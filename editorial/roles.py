"""
The two editorial roles, as auth groups whose permissions follow the models.

A migration creates the groups; `sync_role_permissions` runs after every `migrate`, so a
model added later gets its permissions in both groups without a migration of its own.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from modeltranslation.translator import translator

from .registry import content_app_configs, content_models

# Group names are data the agency sees in the user admin, German like the admin itself.
EDITORS = "Redaktion"
TRANSLATORS = "Übersetzung"

# Not content, but the translators' own work: the overview, PO export and PO import.
TRANSLATION_WORK_MODELS = ["editorial.TranslationState"]
# Not content either, but the editors' to look after: redirects and the broken-link report.
EDITORS_TOOL_MODELS = ["editorial.OldAddress"]


def is_translator(user):
    """Translators edit only the other languages; an editor in both groups edits everything."""
    if not user.is_active or user.is_superuser:
        return False
    # Asked many times per admin request: one query per user object is enough.
    if not hasattr(user, "_is_translator"):
        names = set(user.groups.values_list("name", flat=True))
        user._is_translator = TRANSLATORS in names and EDITORS not in names
    return user._is_translator


def sync_role_permissions(app_config=None, **kwargs):
    """Editors may do everything with content; translators may view and change translations."""
    if app_config is not None and app_config not in content_app_configs():
        return
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    work_models = [apps.get_model(label) for label in TRANSLATION_WORK_MODELS]
    tool_models = [apps.get_model(label) for label in EDITORS_TOOL_MODELS]
    content = content_models()
    editors.permissions.set(
        Permission.objects.filter(
            content_type__in=ContentType.objects.get_for_models(
                *content, *work_models, *tool_models
            ).values()
        )
    )
    translated = [model for model in content if model in translator.get_registered_models()]
    translated += work_models
    translators.permissions.set(
        Permission.objects.filter(
            content_type__in=ContentType.objects.get_for_models(*translated).values(),
            codename__regex=r"^(view|change)_",
        )
    )
