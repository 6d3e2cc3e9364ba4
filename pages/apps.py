from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"

    def ready(self):
        # Every save of translated content keeps its translation status up to date.
        from .translation_status import connect_signals

        connect_signals()
