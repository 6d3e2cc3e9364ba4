"""The barrier form's hourly limit, where it is kept: the "counters" cache."""

import time
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.cache import caches
from django.test import TestCase

from feedback.models import AccessibilityFeedback

from .test_accessibility_feedback import FORM_DE, REPORT


def counters_at(location):
    return {**settings.CACHES, "counters": {**settings.CACHES["counters"], "LOCATION": location}}


class HourlyLimitTests(TestCase):
    def test_the_limit_lasts_the_hour_not_the_file_caches_five_minutes(self):
        # Each count reset the file's expiry to the cache's default of 300 seconds, so six
        # minutes after the fifth report the counter was gone: about 60 reports an hour.
        assert settings.CACHES["counters"]["BACKEND"].endswith("FileBasedCache")
        for number in range(5):
            response = self.client.post(FORM_DE, {**REPORT, "email": f"p{number}@example.org"})
            assert response.status_code == 302
        six_minutes_later = time.time() + 6 * 60
        with mock.patch("django.core.cache.backends.filebased.time") as clock:
            clock.time.return_value = six_minutes_later
            response = self.client.post(FORM_DE, {**REPORT, "email": "p6@example.org"})
        assert response.status_code == 429
        assert response["Retry-After"] == "3600"
        assert REPORT["message"] in response.content.decode()
        assert AccessibilityFeedback.objects.count() == 5

    def test_neither_address_is_stored_in_the_counters(self):
        self.client.post(FORM_DE, REPORT, REMOTE_ADDR="192.0.2.77")
        stored = b"".join(path.read_bytes() for path in counter_files())
        assert stored  # counted
        for secret in [b"192.0.2.77", REPORT["email"].encode()]:
            assert secret not in stored
            assert secret not in "".join(path.name for path in counter_files()).encode()


class CountingFailureTests(TestCase):
    def test_a_data_folder_that_cannot_be_written_lets_the_report_through(self):
        # Under a file, not a folder: no permission (not even root's) can write there.
        blocked = Path(settings.DATA_DIR) / "a-file"
        blocked.write_text("")
        with self.settings(CACHES=counters_at(str(blocked / "counters"))):
            with self.assertLogs("feedback.views", "WARNING") as logs:
                for number in range(6):
                    response = self.client.post(
                        FORM_DE, {**REPORT, "email": f"p{number}@example.org"}
                    )
                    assert response.status_code == 302
        assert AccessibilityFeedback.objects.count() == 6
        assert "Cannot count barrier reports" in logs.output[0]

    def test_a_counters_cache_that_is_away_lets_the_report_through(self):
        # Redis down, with IGNORE_EXCEPTIONS as in production: a miss, not an error.
        away = {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25},
        }
        with self.settings(CACHES={**settings.CACHES, "counters": away}):
            for number in range(6):
                response = self.client.post(FORM_DE, {**REPORT, "email": f"p{number}@example.org"})
                assert response.status_code == 302
        assert AccessibilityFeedback.objects.count() == 6


def counter_files():
    return [path for path in Path(caches["counters"]._dir).iterdir() if path.is_file()]
