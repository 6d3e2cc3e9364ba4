"""
The upgrade from the layout of commit 904a818, where `pages` held Photo, TranslationState,
SeedRecord and AccessibilityFeedback, to the apps they moved to: nothing is lost.

django-test-migrations builds the database at that version's migration heads, with
migrate's signals muted, as on a production database that has had its content types and
permissions for a long time. The content is made with that state's historical models,
then the database is migrated to the newest migrations of every app (found in the
migration graph, not named here) and compared row by row with the new state's models.
It runs on SQLite and, in the PostgreSQL pass, on PostgreSQL.
"""

import io

import pytest
from django.apps import apps as installed_apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import TestCase
from django.utils import timezone
from PIL import Image

from editorial.migrations._content_type_moves import rename
from editorial.models import TranslationState

from .legacy import MOVED, new_label, new_natural_key

# The project's migration heads at 904a818, the last version with the old layout.
OLD_HEADS = {"pages": "0010_easy_read_and_sign_language_pages", "goals": "0002_revision_history"}
# The other apps with migrations at 904a818 (Django's and third-party ones). The split
# leaves them alone, so they stay at the head that is installed.
OLD_OTHER_APPS = {"admin", "auth", "axes", "contenttypes", "otp_totp", "sessions"}
CONTENT_TYPE = "contenttypes.ContentType"


def old_targets():
    """The state of 904a818: its heads, and apps made since then not migrated at all."""
    targets = []
    for app_label, name in sorted(MigrationLoader(connection).graph.leaf_nodes()):
        if app_label in OLD_HEADS:
            targets.append((app_label, OLD_HEADS[app_label]))
        elif app_label in OLD_OTHER_APPS:
            targets.append((app_label, name))
        else:
            targets.append((app_label, None))
    return targets


def jpeg(size=(96, 64)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (240, 200, 60)).save(buffer, format="JPEG")
    return buffer.getvalue()


def snapshot(state_apps):
    """
    Every row of every table the state's models know, by model label, as the values of
    their columns; a reference to a content type as its natural key, as ids of content
    types are no promise.
    """
    content_types = {
        ct.pk: (ct.app_label, ct.model)
        for ct in state_apps.get_model(CONTENT_TYPE)._base_manager.all()
    }
    rows = {}
    # The old state's apps can know models of unmigrated apps (editorial's), whose tables
    # that database does not have yet.
    tables = set(connection.introspection.table_names())
    for model in state_apps.get_models(include_auto_created=True):
        if model._meta.label == CONTENT_TYPE or model._meta.db_table not in tables:
            continue
        to_content_type = [
            field.attname
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model._meta.label == CONTENT_TYPE
        ]
        found = []
        for row in model._base_manager.order_by("pk").values():
            for name in to_content_type:
                row[name] = content_types.get(row[name])
            found.append(row)
        rows[model._meta.label] = found
    return rows


class EditorsContent:
    """Content as a site of 904a818 holds it after editors worked on it, in that state's models."""

    def __init__(self, state_apps):
        self.apps = state_apps
        self.files = {
            "photos/stadtgarten.jpg": jpeg(),
            "renditions/0123456789abcdef0123-96.webp": b"RIFF-rendition",
        }
        for name, data in self.files.items():
            assert default_storage.save(name, ContentFile(data)) == name

    def model(self, label):
        return self.apps.get_model(label)

    def history(self, obj, history_type, user, **changes):
        """A revision as django-simple-history writes it: the row's columns, then its own."""
        values = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
        values.update(changes)
        return self.model(
            f"{obj._meta.app_label}.Historical{obj._meta.object_name}"
        ).objects.create(
            **values,
            history_date=timezone.now(),
            history_type=history_type,
            history_user=user,
            history_change_reason="PO-Import" if history_type == "~" else None,
        )

    def create(self):
        # What migrate's post_migrate step made on that site: content types and permissions,
        # of the apps that site had.
        for app_config in installed_apps.get_app_configs():
            if app_config.label in {*OLD_HEADS, *OLD_OTHER_APPS}:
                create_permissions(app_config, verbosity=0, apps=self.apps)
        ContentType = self.model(CONTENT_TYPE)
        Permission = self.model("auth.Permission")
        content_type = {
            name: ContentType.objects.get(app_label="pages", model=name)
            for name in ["photo", "notice", "translationstate"]
        }

        editor = self.model("auth.User").objects.create(
            username="redakteurin", password=make_password("pw"), is_staff=True
        )
        editors = self.model("auth.Group").objects.get(name="Redaktion")
        editor.groups.add(editors)
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__in=[content_type["photo"], content_type["translationstate"]]
            )
        )

        photo = self.model("pages.Photo").objects.create(
            image="photos/stadtgarten.jpg",
            width=96,
            height=64,
            alt_text="Kinder im Stadtgarten",
            alt_text_de="Kinder im Stadtgarten",
            alt_text_en="Children in the city garden",
            caption="Sommerfest",
            caption_de="Sommerfest",
            caption_en="Summer party",
            credit_name="Erika Muster",
            credit_role="photographer",
            licence="CC BY 4.0",
            source_url="https://example.org/foto",
            renditions={
                "hash": "0123456789abcdef0123",
                "items": [
                    {
                        "name": "renditions/0123456789abcdef0123-96.webp",
                        "type": "image/webp",
                        "width": 96,
                        "height": 64,
                    }
                ],
            },
        )
        self.history(photo, "+", editor, alt_text_en="Children")
        self.history(photo, "~", editor)

        profile = self.model("pages.AgencyProfile").objects.create(
            name="Integrationszentrum",
            name_de="Integrationszentrum",
            name_en="Integration centre",
            lead="Wir sind da.",
            lead_de="Wir sind da.",
            lead_en="We are here.",
            hero_photo=photo,
        )
        self.history(profile, "+", editor)

        notice = self.model("pages.Notice").objects.create(
            slug="samstag",
            title="Beratung am Samstag",
            title_de="Beratung am Samstag",
            title_en="Advice on Saturday",
            text="Ab März auch samstags.",
            text_de="Ab März auch samstags.",
            text_en="From March on Saturdays too.",
        )
        self.history(notice, "+", editor, text_de="Ab April auch samstags.")
        self.history(notice, "~", editor)

        TranslationState = self.model("pages.TranslationState")
        for obj, field, digest in [
            (photo, "alt_text", "a" * 64),
            (photo, "caption", "b" * 64),
            (notice, "title", "c" * 64),
            # Made from the German of before: outdated.
            (notice, "text", "d" * 64),
        ]:
            TranslationState.objects.create(
                content_type=content_type[obj._meta.model_name],
                object_id=obj.pk,
                language="en",
                field=field,
                source_digest=digest,
            )
        for key in ["photo:friedensplatz", "profile", "notice:samstag"]:
            self.model("pages.SeedRecord").objects.create(key=key)
        self.model("pages.AccessibilityFeedback").objects.create(
            name="Erika Beispiel",
            email="erika@example.org",
            message="Das PDF-Formular lässt sich nicht vorlesen.",
            page="/de/schwerpunkte/",
            language="de",
        )

        masterplan = self.model("goals.Masterplan").objects.create(
            title="Masterplan", title_de="Masterplan", title_en="Master plan"
        )
        goal = self.model("goals.Goal").objects.create(
            masterplan=masterplan,
            text="Teilhabe",
            text_de="Teilhabe",
            text_en="Participation",
            photo=photo,
        )
        self.history(goal, "+", editor)

        self.model("admin.LogEntry").objects.create(
            user=editor,
            content_type=content_type["photo"],
            object_id=str(photo.pk),
            object_repr=str(photo.alt_text),
            action_flag=1,
            change_message='[{"added": {}}]',
        )
        return photo


@pytest.mark.django_db(transaction=True)
class UpgradeTests:
    def test_the_split_keeps_every_row_translation_revision_and_file(
        self, migrator, settings, tmp_path
    ):
        settings.MEDIA_ROOT = str(tmp_path)
        targets = old_targets()
        assert ("pages", OLD_HEADS["pages"]) in targets
        migrator.apply_initial_migration(targets)
        # The broadest plan to those heads can reach past them into apps made since (their
        # first migrations may sort before pages'); migrating to them again undoes that.
        old_state = migrator.apply_tested_migration(targets)
        assert old_state.apps.get_model("pages", "Photo")._meta.db_table == "pages_photo"

        content = EditorsContent(old_state.apps)
        photo = content.create()
        before = snapshot(old_state.apps)
        assert all(before[label] for label in MOVED), "every moved model should have rows"
        old_content_types = set(
            old_state.apps.get_model(CONTENT_TYPE).objects.values_list("app_label", "model")
        )

        leaves = sorted(MigrationLoader(connection).graph.leaf_nodes())
        new_state = migrator.apply_tested_migration(leaves)

        after = snapshot(new_state.apps)
        for label, rows in before.items():
            if not rows:
                continue
            expected = [
                {
                    name: new_natural_key(*value) if isinstance(value, tuple) else value
                    for name, value in row.items()
                }
                for row in rows
            ]
            found = after.get(new_label(label))
            assert found is not None, f"{label} is gone; expected it as {new_label(label)}"
            # Columns the new layout adds are no loss; every old column keeps its value.
            columns = list(expected[0])
            found = [{name: row.get(name, "(missing)") for name in columns} for row in found]
            assert found == expected, label

        content_types = set(
            new_state.apps.get_model(CONTENT_TYPE).objects.values_list("app_label", "model")
        )
        assert {new_natural_key(*key) for key in old_content_types} <= content_types
        for label in MOVED:
            assert tuple(label.lower().split(".")) not in content_types, label

        # The same, as the code reads it: by the new labels.
        model = new_state.apps.get_model
        moved = model("photos", "Photo").objects.get(pk=photo.pk)
        assert moved.image.name == "photos/stadtgarten.jpg"
        assert (moved.alt_text_de, moved.alt_text_en) == (
            "Kinder im Stadtgarten",
            "Children in the city garden",
        )
        assert model("photos", "HistoricalPhoto").objects.filter(id=photo.pk).count() == 2
        states = model("editorial", "TranslationState").objects
        of_photos = states.filter(content_type__app_label="photos", content_type__model="photo")
        of_notices = states.filter(content_type__app_label="pages", content_type__model="notice")
        assert (of_photos.count(), of_notices.count()) == (2, 2)
        assert model("editorial", "SeedRecord").objects.count() == 3
        feedback = model("feedback", "AccessibilityFeedback").objects.get()
        assert feedback.message == "Das PDF-Formular lässt sich nicht vorlesen."
        assert model("goals", "Goal").objects.get().photo_id == photo.pk
        assert model("pages", "AgencyProfile").objects.get().hero_photo_id == photo.pk
        entry = model("admin", "LogEntry").objects.get()
        assert (entry.content_type.app_label, entry.content_type.model) == ("photos", "photo")
        editors = model("auth", "Group").objects.get(name="Redaktion")
        assert editors.permissions.filter(
            codename="change_photo", content_type__app_label="photos"
        ).exists()
        for name, data in content.files.items():
            with default_storage.open(name, "rb") as file:
                assert file.read() == data, name


class ContentTypeTwinTests(TestCase):
    """An old instance that saved during the upgrade filed its translation status under a
    second content type for the moved model: the migration keeps what that twin holds."""

    def test_what_the_twin_holds_joins_the_moved_content_type(self):
        moving = ContentType.objects.create(app_label="altapp", model="ding")
        twin = ContentType.objects.create(app_label="neuapp", model="ding")
        kept = TranslationState.objects.create(
            content_type=moving, object_id=1, language="en", field="title", source_digest="a"
        )
        TranslationState.objects.create(
            content_type=twin, object_id=1, language="en", field="title", source_digest="b"
        )
        only_in_twin = TranslationState.objects.create(
            content_type=twin, object_id=2, language="en", field="title", source_digest="c"
        )
        editor = get_user_model().objects.create_user("redakteurin")
        log = LogEntry.objects.create(
            user=editor, content_type=twin, object_id="2", object_repr="Ding", action_flag=2
        )
        Permission.objects.create(content_type=moving, codename="change_ding", name="Ding")
        twin_permission = Permission.objects.create(
            content_type=twin, codename="change_ding", name="Ding"
        )
        editors = Group.objects.create(name="Dingredaktion")
        editors.permissions.add(twin_permission)

        rename(installed_apps, "default", "altapp", "neuapp", ["ding"])

        moved = ContentType.objects.get(app_label="neuapp", model="ding")
        assert moved.pk == moving.pk
        assert not ContentType.objects.filter(app_label="altapp").exists()
        states = TranslationState.objects.filter(content_type=moved)
        assert set(states.values_list("pk", flat=True)) == {kept.pk, only_in_twin.pk}
        log.refresh_from_db()
        assert log.content_type_id == moved.pk
        assert editors.permissions.filter(content_type=moved, codename="change_ding").exists()
