import shutil

from django.conf import settings


def pytest_sessionfinish(session, exitstatus):
    # tests/settings.py made a throwaway media folder for uploads.
    if "miado-test-media-" in str(settings.MEDIA_ROOT):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
