import functools

from django.apps import AppConfig, apps
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def content_app_configs(on_public_pages=None):
    """
    The apps whose models are the site's content: their AppConfig says `editorial_content
    = True`. Editors get every permission on their models (editorial/roles.py), and, where
    `on_public_pages` is not False, every save invalidates the page cache.
    """
    return [
        config
        for config in apps.get_app_configs()
        if getattr(config, "editorial_content", False)
        and (on_public_pages is None or getattr(config, "on_public_pages", True) == on_public_pages)
    ]


def content_models(on_public_pages=None):
    return [
        model for config in content_app_configs(on_public_pages) for model in config.get_models()
    ]


@functools.cache
def former_labels():
    """{old label: model} for models that moved between apps (their `former_labels`), and
    for their revision history's models, which moved with them."""
    found = {}
    for model in apps.get_models():
        for label in getattr(model, "former_labels", ()):
            found[label] = model
            history = getattr(model, "history", None)
            if history is not None:
                app_label, name = label.split(".")
                found[f"{app_label}.historical{name}"] = history.model
    return found


def model_by_label(label):
    """
    The model for "app_label.model_name", also under a label it had before the apps were
    split, so archives and PO files written by earlier versions still resolve. Raises
    LookupError for an unknown label.
    """
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        model = former_labels().get(label.lower())
        if model is None:
            raise LookupError(f"No model {label!r}.") from None
        return model


class EditorialConfig(AppConfig):
    name = "editorial"
    # Heads the translation work in the admin index.
    verbose_name = _("Editorial work")

    def ready(self):
        from . import page_cache
        from .collation import register_on_sqlite
        from .roles import sync_role_permissions
        from .translation_status import connect_signals

        # Every save of translated content keeps its translation status up to date.
        connect_signals()
        # In every process, including management commands (load_seed, imports) that never
        # load the middleware, so that their saves invalidate cached pages too.
        page_cache.connect_signals()
        # After every migrate, when Django has created the permissions of new models.
        post_migrate.connect(sync_role_permissions, dispatch_uid="editorial.sync_role_permissions")
        # Before any query runs, so tables with the German collation can be created
        # and sorted on SQLite too.
        connection_created.connect(register_on_sqlite, dispatch_uid="editorial-german-collation")
