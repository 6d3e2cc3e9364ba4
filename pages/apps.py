from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# The apps whose models are the site's content: a change to any of them invalidates the
# page cache (pages/cache.py), and editors get every permission on them (pages/roles.py).
CONTENT_APPS = ("pages", "goals")


class PagesConfig(AppConfig):
    name = "pages"
    # Heads the admin index and breadcrumbs; without it editors read the English "Pages".
    verbose_name = _("Website content")

    def ready(self):
        from .collation import register_on_sqlite
        from .roles import sync_role_permissions
        from .translation_status import connect_signals

        # Every save of translated content keeps its translation status up to date.
        connect_signals()
        # Connects the page cache's signal receivers in every process, including
        # management commands (load_seed, imports) that never load the middleware.
        from . import cache  # noqa: F401

        # After every migrate, when Django has created the permissions of new models.
        post_migrate.connect(sync_role_permissions, dispatch_uid="pages.sync_role_permissions")
        # Before any query runs, so tables with the German collation can be created
        # and sorted on SQLite too.
        connection_created.connect(register_on_sqlite, dispatch_uid="pages-german-collation")
