from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    # Heads the translation work in the admin index.
    verbose_name = _("Editorial work")

    def ready(self):
        from . import page_cache, redirects
        from .collation import register_on_sqlite
        from .roles import sync_role_permissions
        from .translation_status import connect_signals

        # Every save of translated content keeps its translation status up to date.
        connect_signals()
        # In every process, including management commands (load_seed, imports) that never
        # load the middleware, so that their saves invalidate cached pages too.
        page_cache.connect_signals()
        # Likewise: a slug changed by any of them leaves its old address working.
        redirects.connect_signals()
        # After every migrate, when Django has created the permissions of new models.
        post_migrate.connect(sync_role_permissions, dispatch_uid="editorial.sync_role_permissions")
        # Before any query runs, so tables with the German collation can be created
        # and sorted on SQLite too.
        connection_created.connect(register_on_sqlite, dispatch_uid="editorial-german-collation")
