"""The real settings, with only what tests need swapped in."""

import os
import tempfile
from pathlib import Path

# Tests never need var/secret_key (`make run` creates it): the settings read this key
# from the environment instead, as in production.
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-" + "not-a-secret-" * 4)

from miado_site.settings import *  # noqa: E402, F403
from miado_site.settings import CACHES, STORAGES  # noqa: E402

# No manifest: tests must not depend on collectstatic having run.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Uploads from tests go to a throwaway folder, never into the project's media/.
MEDIA_ROOT = tempfile.mkdtemp(prefix="miado-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# WhiteNoise serves straight from the source folders, so tests need no collectstatic.
STATIC_ROOT = tempfile.mkdtemp(prefix="miado-test-static-")
WHITENOISE_USE_FINDERS = True
# The page cache's version stamp goes to a throwaway folder too.
DATA_DIR = Path(tempfile.mkdtemp(prefix="miado-test-data-"))
# And the barrier form's rate-limit counters.
if CACHES["counters"]["BACKEND"].endswith("FileBasedCache"):
    CACHES = {**CACHES, "counters": {**CACHES["counters"], "LOCATION": str(DATA_DIR / "counters")}}
