import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.test import SimpleTestCase

ROOT = Path(settings.BASE_DIR)


def catalogue(language_code):
    return polib.pofile(ROOT / "locale" / language_code / "LC_MESSAGES" / "django.po")


class CatalogueTests(SimpleTestCase):
    def test_every_language_has_a_complete_catalogue(self):
        for language_code, _name in settings.LANGUAGES:
            with self.subTest(language=language_code):
                po = catalogue(language_code)
                assert len(po) > 50
                assert po.untranslated_entries() == []
                assert po.fuzzy_entries() == []
                assert po.percent_translated() == 100

    def test_placeholders_survive_translation(self):
        for language_code, _name in settings.LANGUAGES:
            for entry in catalogue(language_code):
                for placeholder in ["%(name)s", "%(language)s", "%(number)s", "<slug:slug>"]:
                    if placeholder in entry.msgid:
                        assert placeholder in entry.msgstr, (language_code, entry.msgid)

    def test_catalogues_contain_every_string_the_code_uses(self):
        """makemessages over a copy of the project finds no string missing from locale/."""
        if shutil.which("xgettext") is None:
            raise AssertionError("GNU gettext is missing: `make test` installs it")
        copy = Path(self.enterContext(_temporary_copy()))
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "--all",
                "--no-obsolete",
                "--ignore=.venv",
                "--ignore=staticfiles",
                "--ignore=tests",
                "-v0",
            ],
            cwd=copy,
            check=True,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "miado_site.settings",
                # The copy has no var/secret_key, and makemessages signs nothing.
                "DJANGO_SECRET_KEY": "makemessages-only-" + "x" * 40,
            },
        )
        for language_code, _name in settings.LANGUAGES:
            fresh = polib.pofile(copy / "locale" / language_code / "LC_MESSAGES" / "django.po")
            committed = {entry.msgid for entry in catalogue(language_code)}
            assert {entry.msgid for entry in fresh} == committed, language_code


def own_configs():
    return [config for config in apps.get_app_configs() if Path(config.path).is_relative_to(ROOT)]


class _temporary_copy:
    def __enter__(self):
        import tempfile

        self.folder = tempfile.mkdtemp(prefix="miado-messages-")
        # The wiring and the project's own apps, whichever INSTALLED_APPS names.
        own_apps = {Path(config.path).relative_to(ROOT).parts[0] for config in own_configs()}
        for name in ["manage.py", "miado_site", *sorted(own_apps), "templates", "locale"]:
            source = ROOT / name
            target = Path(self.folder) / name
            if source.is_dir():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, target)
        return self.folder

    def __exit__(self, *exc):
        shutil.rmtree(self.folder, ignore_errors=True)
