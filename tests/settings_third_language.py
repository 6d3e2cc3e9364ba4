"""
A third language, Arabic, switched on by a settings change alone.

In production the change is completed by `makemigrations`, which adds the *_ar
columns; here the test database is built straight from the models instead.
"""

from tests.settings import *  # noqa: F403
from tests.settings import LANGUAGES

LANGUAGES = [*LANGUAGES, ("ar", "العربية")]
MIGRATION_MODULES = dict.fromkeys(("editorial", "photos", "pages", "goals", "feedback"))
