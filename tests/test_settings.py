import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from miado_site.data_dir import set_up

from .live_server import clean_env

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "t3st-Pr0duct10n-K3y-" + "aB3$dE6^gH9*jK2@mN5!pQ8&sT1#vW4" * 2,
    "DJANGO_ALLOWED_HOSTS": "www.example.de",
}


def manage(*args, env):
    """manage.py of this checkout under `env` alone. Unless `env` names one, in a throwaway
    data folder set up as `make run` sets up var/, whose key and database it never uses."""
    with tempfile.TemporaryDirectory() as data_dir:
        set_up(Path(data_dir))
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=clean_env(
                DJANGO_SETTINGS_MODULE="miado_site.settings",
                **{"DJANGO_DATA_DIR": data_dir, **env},
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )


def set_up_data_dir(folder):
    """The step `make run` takes before anything else, for the data folder `folder`."""
    return subprocess.run(
        [sys.executable, "-m", "miado_site.data_dir"],
        cwd=settings.BASE_DIR,
        env=clean_env(DJANGO_DATA_DIR=str(folder)),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


class EmbeddedSecretKeyTests(SimpleTestCase):
    def test_without_the_key_file_the_settings_refuse_and_say_how_to_fix_it(self):
        data_dir = Path(self.enterContext(tempfile.TemporaryDirectory()))
        result = manage("check", env={"DJANGO_DATA_DIR": str(data_dir)})
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert str(data_dir / "secret_key") in result.stderr
        assert "make run" in result.stderr
        assert "DJANGO_SECRET_KEY" in result.stderr
        assert list(data_dir.iterdir()) == []

    def test_loading_the_settings_writes_nothing(self):
        tmp = Path(self.enterContext(tempfile.TemporaryDirectory()))
        result = manage(
            "shell",
            "-v0",
            "-c",
            "from django.conf import settings; print(settings.DATA_DIR)",
            env={"DJANGO_DATA_DIR": str(tmp / "var"), "DJANGO_SECRET_KEY": "x" * 50},
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == str(tmp / "var")
        assert list(tmp.iterdir()) == []

    def test_the_set_up_step_makes_the_folder_and_a_private_key_once(self):
        data_dir = Path(self.enterContext(tempfile.TemporaryDirectory())) / "var"
        set_up_data_dir(data_dir)
        key_file = data_dir / "secret_key"
        assert key_file.stat().st_mode & 0o777 == 0o600
        key = key_file.read_text()
        assert len(key) >= 50
        set_up_data_dir(data_dir)
        assert key_file.read_text() == key
        result = manage(
            "shell",
            "-v0",
            "-c",
            "from django.conf import settings; print(settings.SECRET_KEY)",
            env={"DJANGO_DATA_DIR": str(data_dir)},
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == key


class ProductionSettingsTests(SimpleTestCase):
    def test_deploy_check_is_clean_under_production_settings(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
        assert result.returncode == 0, result.stderr
        assert "System check identified no issues" in result.stdout
        assert "WARNING" not in result.stderr

    def test_production_refuses_to_start_without_a_secret_key(self):
        # Even with the embedded default's key file in its data folder (see manage()).
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
        result = manage("check", env=env)
        assert result.returncode != 0
        assert "DJANGO_SECRET_KEY" in result.stderr

    def test_production_refuses_to_start_without_allowed_hosts(self):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_ALLOWED_HOSTS"}
        result = manage("check", env=env)
        assert result.returncode != 0
        assert "DJANGO_ALLOWED_HOSTS" in result.stderr

    def test_embedded_default_needs_no_configuration_and_keeps_debug_off(self):
        result = manage(
            "shell",
            "-v0",
            "-c",
            "from django.conf import settings as s; "
            "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'])",
            env={},
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == [
            "False",
            "django.db.backends.sqlite3",
            "django.core.cache.backends.locmem.LocMemCache",
        ]

    def test_database_url_and_redis_url_switch_the_engines(self):
        result = manage(
            "shell",
            "-v0",
            "-c",
            "from django.conf import settings as s; d = s.DATABASES['default']; "
            "print(d['ENGINE'], d['NAME'], d['HOST'], s.CACHES['default']['BACKEND'])",
            env={
                "DATABASE_URL": "postgres://miado:geheim@db.example:5432/miado",
                "REDIS_URL": "redis://cache.example:6379/0",
            },
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == [
            "django.db.backends.postgresql",
            "miado",
            "db.example",
            "django_redis.cache.RedisCache",
        ]

    def test_sqlite_database_file_runs_in_wal_mode(self):
        with tempfile.TemporaryDirectory() as tmp:
            data_dir = Path(tmp) / "var"
            set_up_data_dir(data_dir)
            result = manage(
                "shell",
                "-v0",
                "-c",
                "from django.db import connection; c = connection.cursor(); "
                "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
                env={"DJANGO_DATA_DIR": str(data_dir)},
            )
            assert result.returncode == 0, result.stderr
            assert result.stdout.strip() == "wal"
            assert (data_dir / "db.sqlite3").exists()


class TestSettingsTests(SimpleTestCase):
    def test_a_process_that_loads_them_leaves_no_throwaway_folder_behind(self):
        # As the subprocess of a test does (the Sentry test), without pytest to clean up.
        tmp = Path(self.enterContext(tempfile.TemporaryDirectory()))
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup(); from django.conf import settings as s; "
                "print(s.MEDIA_ROOT, s.STATIC_ROOT, s.DATA_DIR)",
            ],
            cwd=settings.BASE_DIR,
            env=clean_env(DJANGO_SETTINGS_MODULE="tests.settings", TMPDIR=str(tmp)),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        for folder in result.stdout.split():
            assert folder.startswith(f"{tmp}/miado-test-"), folder
        assert list(tmp.glob("miado-test-*")) == []
