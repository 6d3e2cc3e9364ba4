"""
Writes the legacy fixtures beside this file, made by the code of commit 904a818: the last
layout in which Photo, TranslationState, SeedRecord and AccessibilityFeedback belong to the
`pages` app. Tests use them to prove that what a site of that version wrote still comes
back after the upgrade.

- backup-904a818.tar.gz: an archive written by that version's `backup` command;
- content-en-904a818.po: its `export_translations --language en`, with a few
  translations changed afterwards, as an agency would send it back;
- expected-904a818.json: what a restore of the archive must give back, and the
  changed translations.

It must run on commit 904a818, so it does that by itself: from the repository root, on any
later commit,

    .venv/bin/python tests/legacy/make_fixtures.py

exports 904a818 with `git archive` into a temporary folder, compiles its message
catalogues (gettext's msgfmt, as `make run` needs too) and runs itself there (`--build`),
with a temporary data folder, media folder and SQLite database. Not run by the test
suite; the files it writes are committed.
"""

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

COMMIT = "904a818"
HERE = Path(__file__).resolve().parent
ARCHIVE = f"backup-{COMMIT}.tar.gz"
PO_FILE = f"content-en-{COMMIT}.po"
EXPECTED = f"expected-{COMMIT}.json"

# What an editor adds; distinctive, so a test can tell them from the seed.
PHOTO_ALT_DE = "Zwei Kinder lesen ein Buch im Westfalenpark"
PHOTO_ALT_EN = "Two children reading a book in Westfalenpark"
NOTICE_TEXT_DE = "Ab März beraten wir auch samstags von 10 bis 13 Uhr am Friedensplatz."
NOTICE_TEXT_EN = "From March we also advise on Saturdays, 10 am to 1 pm, at Friedensplatz."
FEEDBACK_MESSAGE = "Das PDF-Formular zur Beratung lässt sich mit dem Screenreader nicht ausfüllen."
# The agency's answers to the PO export.
PO_PHOTO_ALT_EN = "Two children read a book together in Westfalenpark"
PO_NOTICE_TEXT_EN = "From March we advise on Saturdays too, from 10 am to 1 pm, at Friedensplatz."


def main():
    repo = HERE.parent.parent
    with tempfile.TemporaryDirectory(prefix=f"miado-{COMMIT}-") as tmp:
        source, out = Path(tmp) / "source", Path(tmp) / "out"
        source.mkdir()
        out.mkdir()
        archive = subprocess.run(
            ["git", "archive", COMMIT], cwd=repo, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
        }
        env.update(
            PYTHONPATH=str(source),
            DJANGO_SETTINGS_MODULE="miado_site.settings",
            DJANGO_DATA_DIR=str(Path(tmp) / "var"),
            DJANGO_MEDIA_ROOT=str(Path(tmp) / "media"),
        )
        # As a deployed site has them: the PO file's comments are in the admin's German.
        subprocess.run(
            [sys.executable, "manage.py", "compilemessages", "-v0"], cwd=source, env=env, check=True
        )
        subprocess.run(
            [sys.executable, __file__, "--build", str(out)], cwd=source, env=env, check=True
        )
        for name in [ARCHIVE, PO_FILE, EXPECTED]:
            shutil.move(out / name, HERE / name)
            print(f"{HERE / name}: {(HERE / name).stat().st_size} bytes")


def build(out):
    """Runs inside the export of 904a818: seed, an editor's changes, then the three files."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_seed", stdout=io.StringIO())
    call_command("make_renditions", verbosity=0)
    edit_like_an_editor()
    call_command("backup", str(out / ARCHIVE), verbosity=0)
    call_command(
        "export_translations", language="en", output=str(out / PO_FILE), stderr=io.StringIO()
    )
    changes = answer_po(out / PO_FILE)
    expected = what_a_restore_gives_back()
    expected["po_changes"] = changes
    (out / EXPECTED).write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")


def small_image():
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (96, 64), (240, 200, 60))
    ImageDraw.Draw(image).rectangle((20, 12, 76, 52), fill=(30, 90, 140))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def edit_like_an_editor():
    from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.base import ContentFile

    from pages.models import AccessibilityFeedback, Notice, Photo

    editor = get_user_model().objects.create_user(
        "redakteurin", "redaktion@example.org", "Lang-genug-2026!", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Redaktion"))

    # The seed notice, German and English edited together: the translation stays current.
    seed_notice = Notice.objects.get(slug="eroeffnung-friedensplatz")
    seed_notice.text_de += " Die Beratung beginnt am 3. Februar."
    seed_notice.text_en += " Advice starts on 3 February."
    seed_notice._history_user = editor
    seed_notice.save()

    # A new notice in both languages, then a German edit alone: its English is outdated.
    notice = Notice(
        slug="samstagsberatung",
        title_de="Beratung auch am Samstag",
        title_en="Advice on Saturdays too",
        text_de=NOTICE_TEXT_DE,
        text_en=NOTICE_TEXT_EN,
    )
    notice._history_user = editor
    notice.save()
    notice.text_de = NOTICE_TEXT_DE.replace("13 Uhr", "14 Uhr")
    notice._history_user = editor
    notice.save()

    photo = Photo(alt_text_de=PHOTO_ALT_DE, alt_text_en=PHOTO_ALT_EN, credit_name="Erika Muster")
    photo.image.save("westfalenpark.jpg", ContentFile(small_image()), save=False)
    photo._history_user = editor
    photo.save()

    AccessibilityFeedback.objects.create(
        name="Erika Beispiel",
        email="erika@example.org",
        message=FEEDBACK_MESSAGE,
        page="/de/schwerpunkte/",
        language="de",
    )
    for obj, flag, message in [
        (photo, ADDITION, '[{"added": {}}]'),
        (seed_notice, CHANGE, '[{"changed": {"fields": ["Text [de]", "Text [en]"]}}]'),
    ]:
        LogEntry.objects.create(
            user=editor,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj),
            action_flag=flag,
            change_message=message,
        )


def answer_po(path):
    """Change two translations in the exported file; returns them for the test."""
    import polib

    from pages.models import Notice, Photo

    photo = Photo.objects.get(alt_text_de=PHOTO_ALT_DE)
    notice = Notice.objects.get(slug="eroeffnung-friedensplatz")
    answers = [
        ("pages.Photo", photo.pk, "alt_text", PO_PHOTO_ALT_EN),
        ("pages.Notice", notice.pk, "text", notice.text_en.replace("officially", "formally")),
    ]
    po = polib.pofile(str(path), wrapwidth=0)
    changes = []
    for label, pk, field, text in answers:
        entry = po.find(f"{label.lower()}:{pk}:{field}", by="msgctxt")
        assert entry is not None and not entry.fuzzy and entry.msgstr != text, entry
        entry.msgstr = text
        changes.append({"model": label, "pk": pk, "field": f"{field}_en", "value": text})
    po.save(str(path))
    return changes


def what_a_restore_gives_back():
    from django.apps import apps
    from django.contrib.admin.models import LogEntry
    from django.core.files.storage import default_storage
    from pages.management.commands.backup import media_names

    from pages.models import AgencyProfile, Notice, Photo, TranslationState

    # Made by `migrate` itself, so their numbers may change with the code.
    made_by_migrate = {"contenttypes.ContentType", "auth.Permission"}
    rows = {}
    for model in apps.get_models():
        count = model._base_manager.count()
        if count and model._meta.label not in made_by_migrate:
            rows[model._meta.label] = count
    states = {}
    for state in TranslationState.objects.select_related("content_type"):
        key = ".".join(state.content_type.natural_key())
        states[key] = states.get(key, 0) + 1
    seed_notice = Notice.objects.get(slug="eroeffnung-friedensplatz")
    return {
        "commit": COMMIT,
        "rows": rows,
        # Rows an editor made, by a value only they have.
        "texts": [
            {"model": "pages.Photo", "field": "alt_text_en", "value": PHOTO_ALT_EN},
            {"model": "pages.HistoricalPhoto", "field": "alt_text_de", "value": PHOTO_ALT_DE},
            {"model": "pages.Notice", "field": "text_en", "value": seed_notice.text_en},
            {"model": "pages.Notice", "field": "title_en", "value": "Advice on Saturdays too"},
            # The revision from before the German edit.
            {"model": "pages.HistoricalNotice", "field": "text_de", "value": NOTICE_TEXT_DE},
            {"model": "pages.AccessibilityFeedback", "field": "message", "value": FEEDBACK_MESSAGE},
            {"model": "pages.SeedRecord", "field": "key", "value": "photo:friedensplatz"},
            {"model": "auth.User", "field": "username", "value": "redakteurin"},
        ],
        "translation_states": states,
        "log_entries": [
            {
                "content_type": ".".join(entry.content_type.natural_key()),
                "object_id": entry.object_id,
                "user": entry.user.username,
            }
            for entry in LogEntry.objects.order_by("pk")
        ],
        "media": list(media_names(default_storage)),
        "photo_images": dict(Photo.objects.order_by("pk").values_list("pk", "image")),
        "home_page_text": AgencyProfile.objects.get().name_de,
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build(Path(sys.argv[2]))
    else:
        main()
