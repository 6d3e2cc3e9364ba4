from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        # Each content app's `searchable` module registers what the search covers.
        autodiscover_modules("searchable")
        from . import index

        index.connect_signals(self)
