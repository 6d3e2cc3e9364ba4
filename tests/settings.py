"""The real settings, with only what tests need swapped in."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# Tests never need var/secret_key (`make run` creates it): the settings read this key
# from the environment instead, as in production.
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-" + "not-a-secret-" * 4)

from miado_site.settings import *  # noqa: E402, F403
from miado_site.settings import CACHES, STORAGES  # noqa: E402

# One throwaway folder per process that loads these settings (pytest, and a test's
# subprocess too), removed when that process exits: nothing goes into the project's
# media/ or var/, and nothing is left in the temporary directory.
throwaway = Path(tempfile.mkdtemp(prefix="miado-test-"))
atexit.register(shutil.rmtree, throwaway, ignore_errors=True)
for name in ["media", "static", "data"]:
    (throwaway / name).mkdir()

# No manifest: tests must not depend on collectstatic having run.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Uploads from tests go to the throwaway folder.
MEDIA_ROOT = str(throwaway / "media")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# WhiteNoise serves straight from the source folders, so tests need no collectstatic.
STATIC_ROOT = str(throwaway / "static")
WHITENOISE_USE_FINDERS = True
# The page cache's version stamp goes to the throwaway folder too.
DATA_DIR = throwaway / "data"
# And the barrier form's rate-limit counters.
if CACHES["counters"]["BACKEND"].endswith("FileBasedCache"):
    CACHES = {**CACHES, "counters": {**CACHES["counters"], "LOCATION": str(DATA_DIR / "counters")}}
# Tests search far faster than a person; the tests of the limit switch it on.
SEARCH_RATE = ""
# No background renders while tests count queries and cache entries; the tests of the
# refill switch it on.
PAGE_CACHE_REFILL = []
