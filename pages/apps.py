from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"

    def ready(self):
        # Every save of translated content keeps its translation status up to date.
        from .translation_status import connect_signals

        connect_signals()
        # Connects the page cache's signal receivers in every process, including
        # management commands (load_seed, imports) that never load the middleware.
        from . import cache  # noqa: F401
