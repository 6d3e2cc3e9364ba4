import shutil

from django.conf import settings


def pytest_sessionfinish(session, exitstatus):
    # tests/settings.py made throwaway folders for uploads and static files.
    for folder in [settings.MEDIA_ROOT, settings.STATIC_ROOT]:
        if "miado-test-" in str(folder):
            shutil.rmtree(folder, ignore_errors=True)
