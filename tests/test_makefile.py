"""What the Makefile runs, read with `make -n`: it prints the commands and runs none."""

import os
import subprocess

import django
import yaml
from django.conf import settings
from django.test import SimpleTestCase

# Targets that run manage.py, so load the settings, which only read.
DJANGO_TARGETS = [
    "run",
    "dev",
    "superuser",
    "reset-db",
    "lint",
    "messages",
    "test",
    "test-postgres",
    "soak",
    "bench",
    "audit",
]


def dry_run(target: str, **env: str) -> list[str]:
    """The commands `make <target>` would run, under `env` instead of the caller's
    make variables."""
    caller = {
        k: v
        for k, v in os.environ.items()
        if k not in {"HOST", "PORT", "GUNICORN_BIND", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    }
    result = subprocess.run(
        ["make", "-n", target],
        cwd=settings.BASE_DIR,
        env={**caller, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def first(lines: list[str], text: str) -> int:
    return next(n for n, line in enumerate(lines) if text in line)


class SetUpStepTests(SimpleTestCase):
    def test_every_target_sets_up_the_data_folder_before_django_starts(self):
        for target in DJANGO_TARGETS:
            with self.subTest(target=target):
                lines = dry_run(target)
                assert first(lines, "-m miado_site.data_dir") < first(lines, "manage.py")


def gunicorn_line(lines: list[str]) -> str:
    return lines[first(lines, "gunicorn --config")]


class ServeAddressTests(SimpleTestCase):
    """README: `PORT=8300 make run`; Gunicorn's config is the one place that binds."""

    def test_make_run_serves_on_host_and_port(self):
        line = gunicorn_line(dry_run("run"))
        assert line.startswith("GUNICORN_BIND=127.0.0.1:8000 "), line
        line = gunicorn_line(dry_run("run", HOST="0.0.0.0", PORT="8300"))
        assert line.startswith("GUNICORN_BIND=0.0.0.0:8300 "), line
        # No --bind, which would silently override the config's GUNICORN_BIND.
        assert "--bind" not in line

    def test_port_wins_over_a_gunicorn_bind_left_in_the_environment(self):
        line = gunicorn_line(dry_run("run", PORT="8300", GUNICORN_BIND="0.0.0.0:9000"))
        assert line.startswith("GUNICORN_BIND=127.0.0.1:8300 "), line

    def test_make_dev_serves_on_host_and_port(self):
        lines = dry_run("dev", PORT="8300")
        assert lines[first(lines, "runserver")].endswith("runserver 127.0.0.1:8300")


class UploadPrivacyStepTests(SimpleTestCase):
    def test_run_and_reset_db_clean_old_uploads_before_making_renditions(self):
        for target in ["run", "reset-db"]:
            with self.subTest(target=target):
                lines = dry_run(target)
                cleaned = first(lines, "manage.py strip_upload_metadata")
                assert first(lines, "manage.py load_seed") < cleaned
                assert cleaned < first(lines, "manage.py make_renditions")


class SystemPackageTests(SimpleTestCase):
    """README: `make run` installs gettext only; `make test` what the tests need too."""

    def test_make_run_installs_gettext_and_nothing_for_the_tests(self):
        commands = "\n".join(dry_run("run"))
        assert "install -y -qq gettext" in commands
        for package in ["redis-server", "chromium", "postgresql"]:
            assert package not in commands, package

    def test_make_test_installs_what_the_tests_need(self):
        commands = "\n".join(dry_run("test"))
        for package in ["gettext", "redis-server", "chromium"]:
            assert f"install -y -qq {package}" in commands, package
        # PostgreSQL: tests/with_postgres.sh installs it when missing.
        assert "tests/with_postgres.sh" in commands


class LintTests(SimpleTestCase):
    """`make lint` runs the pre-commit hooks, and `make test` runs `make lint` first, so
    a wrong-way import or an unformatted file fails CI, not only a commit."""

    def test_make_lint_runs_the_hooks_and_the_migration_check(self):
        lines = dry_run("lint")
        assert any(".venv/bin/pre-commit run --all-files" in line for line in lines)
        assert any("makemigrations --check" in line for line in lines)

    def test_make_test_lints_before_the_tests(self):
        lines = dry_run("test")
        assert first(lines, "pre-commit run --all-files") < first(lines, "-m pytest")

    def test_the_hooks_run_the_tools_of_the_venv(self):
        config = yaml.safe_load((settings.BASE_DIR / ".pre-commit-config.yaml").read_text())
        hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
        # Local hooks only: nothing is cloned (GitHub) or installed when they run.
        assert {repo["repo"] for repo in config["repos"]} == {"local"}
        assert {"django-upgrade", "ruff-check", "ruff-format", "djade", "lint-imports"} <= set(
            hooks
        )
        for hook in hooks.values():
            program = hook["entry"].split()[0]
            assert program.startswith(".venv/bin/"), hook["id"]
            assert (settings.BASE_DIR / program).is_file(), program
        # The upgraders aim at the Django the project runs.
        django_version = "{}.{}".format(*django.VERSION[:2])
        for hook_id in ["django-upgrade", "djade"]:
            assert f"--target-version {django_version}" in hooks[hook_id]["entry"], hook_id
