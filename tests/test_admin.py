import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from goals.models import Goal, Masterplan
from pages.models import AgencyProfile, FocusArea, FreePage, Notice
from photos.models import Photo

from .content import (
    image_upload,
    make_goal,
    make_masterplan,
    make_notice,
    make_photo,
    make_profile,
    media_files,
    use_temporary_media_root,
)

REQUIRED_DE = "Dieses Feld ist zwingend erforderlich."


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser(
            "redaktion", "redaktion@example.org", "ein-langes-passwort"
        )

    def setUp(self):
        self.client.force_login(self.editor)

    def assert_error(self, response, message):
        assert response.status_code == 200, "the form should be shown again, not saved"
        assert message in response.content.decode()


class PhotoAdminTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        use_temporary_media_root(self)

    def post_photo(self, **overrides):
        data = {
            "image": image_upload("rathaus.jpg"),
            "alt_text_de": "Das alte Stadthaus am Friedensplatz",
            "alt_text_en": "The old city hall at Friedensplatz",
            "caption_de": "Altes Stadthaus",
            "caption_en": "Old city hall",
            "credit_name": "Erika Muster",
            "credit_role": "photographer",
            "licence": "CC BY 4.0",
            "source_url": "www.example.org/foto",
        }
        data.update(overrides)
        return self.client.post("/admin/photos/photo/add/", data)

    def test_editor_uploads_a_photo_with_credit_in_both_languages(self):
        response = self.post_photo()
        assert response.status_code == 302
        photo = Photo.objects.get()
        assert photo.alt_text_de == "Das alte Stadthaus am Friedensplatz"
        assert photo.alt_text_en == "The old city hall at Friedensplatz"
        assert (photo.width, photo.height) == (64, 48)
        assert photo.source_url == "https://www.example.org/foto"
        # Not the uploader's file name, which a visitor could guess.
        assert re.fullmatch(r"photos/[0-9a-f]{32}\.jpg", photo.image.name)

        listing = self.client.get("/admin/photos/photo/").content.decode()
        assert f'<img src="{photo.picture["smallest_src"]}" alt="" width="80">' in listing
        assert photo.picture["smallest_src"].startswith("/media/renditions/")

    def test_photo_without_alt_text_is_refused_in_german(self):
        response = self.post_photo(alt_text_de="")
        self.assert_error(response, "Ein Foto braucht einen Alternativtext")
        assert not Photo.objects.exists()
        assert media_files() == []

    def test_photo_without_credit_is_refused_in_german(self):
        response = self.post_photo(credit_name="")
        self.assert_error(response, "Ein Foto braucht einen Bildnachweis")
        assert not Photo.objects.exists()
        assert media_files() == []

    def test_photo_without_image_is_refused_in_german(self):
        response = self.post_photo(image="")
        self.assert_error(response, "Bitte wählen Sie eine Bilddatei aus.")
        assert not Photo.objects.exists()

    def test_a_file_that_is_not_an_image_is_refused_in_german(self):
        fake = SimpleUploadedFile("foto.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
        response = self.post_photo(image=fake)
        self.assert_error(response, "Diese Datei ist kein Foto in einem der Formate JPEG")
        assert not Photo.objects.exists()
        assert media_files() == []

    def test_invalid_source_link_is_refused_in_german(self):
        response = self.post_photo(source_url="kein link")
        self.assert_error(response, "Bitte eine gültige Adresse eingeben.")

    def test_credit_role_offers_the_three_roles_in_german(self):
        content = self.client.get("/admin/photos/photo/add/").content.decode()
        for label in ["Fotograf/in", "Grafiker/in", "Lizenzinhaber/in"]:
            assert label in content


class AgencyProfileAdminTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        self.profile = make_profile()
        self.url = f"/admin/pages/agencyprofile/{self.profile.pk}/change/"

    def profile_data(self, **overrides):
        data = {
            "name_de": "MIA-DO-Kommunales Integrationszentrum Dortmund",
            "name_en": "MIA-DO – Municipal Integration Centre Dortmund",
            "short_name": "MIA-DO-KI",
            "parent_organisation_de": "Stadt Dortmund",
            "parent_organisation_en": "City of Dortmund",
            "lead_de": "Einleitung auf Deutsch.",
            "lead_en": "Introduction in English.",
            "body_de": "",
            "body_en": "",
            "hero_photo": "",
            "address": "",
            "phone": "",
            "email": "",
            "opening_hours_de": "",
            "opening_hours_en": "",
        }
        data.update(overrides)
        return data

    def test_editor_changes_the_profile_in_both_languages(self):
        photo = make_photo()
        response = self.client.post(
            self.url,
            self.profile_data(
                hero_photo=photo.pk,
                address="Friedensplatz\n44135 Dortmund",
                email="info@example.org",
                opening_hours_de="Mo–Fr nach Vereinbarung",
            ),
        )
        assert response.status_code == 302
        self.profile.refresh_from_db()
        assert self.profile.hero_photo == photo
        de = self.client.get("/de/").content.decode()
        en = self.client.get("/en/").content.decode()
        assert "Einleitung auf Deutsch." in de
        assert "Introduction in English." in en
        assert "Friedensplatz<br>44135 Dortmund" in en
        assert '<a href="mailto:info@example.org">info@example.org</a>' in en
        # Opening hours exist only in German: the English footer marks them.
        assert '<p lang="de">Mo–Fr nach Vereinbarung</p>' in en

    def test_empty_contact_fields_leave_no_empty_labels(self):
        content = self.client.get("/de/").content.decode()
        footer = content.split('class="site-footer"')[1]
        assert "Telefon" not in footer
        assert "E-Mail" not in footer
        assert "Öffnungszeiten" not in footer

    def test_invalid_email_is_refused_in_german(self):
        response = self.client.post(self.url, self.profile_data(email="keine-adresse"))
        self.assert_error(response, "Bitte gültige E-Mail-Adresse eingeben.")
        self.profile.refresh_from_db()
        assert self.profile.lead_de == "Wir sind da."

    def test_missing_german_name_is_refused_and_nothing_changes(self):
        response = self.client.post(self.url, self.profile_data(name_de="", lead_de="Neu"))
        self.assert_error(response, REQUIRED_DE)
        self.profile.refresh_from_db()
        assert self.profile.lead_de == "Wir sind da."

    def test_there_is_only_one_profile(self):
        assert self.client.get("/admin/pages/agencyprofile/add/").status_code == 403
        assert (
            self.client.get(f"/admin/pages/agencyprofile/{self.profile.pk}/delete/").status_code
            == 403
        )
        response = self.client.get("/admin/pages/agencyprofile/")
        assert response.status_code == 302
        assert response["Location"] == self.url

    def test_the_profile_can_be_created_when_there_is_none(self):
        AgencyProfile.objects.all().delete()
        response = self.client.post(
            "/admin/pages/agencyprofile/add/", self.profile_data(name_de="Neu")
        )
        assert response.status_code == 302
        assert AgencyProfile.objects.get().name_de == "Neu"


class FocusAreaAdminTests(AdminTestCase):
    def test_editor_adds_focus_areas_in_both_languages_and_new_ones_go_last(self):
        # The order is set by dragging in the list (tests/test_editorial.py), not typed in.
        for title in ["Erster", "Zweiter"]:
            response = self.client.post(
                "/admin/pages/focusarea/add/",
                {
                    "title_de": title,
                    "title_en": f"{title} (EN)",
                    "text_de": f"Text {title}",
                    "text_en": f"Text {title} EN",
                    "published": "on",
                },
            )
            assert response.status_code == 302
        content = self.client.get("/en/focus-areas/").content.decode()
        assert content.index("Erster (EN)") < content.index("Zweiter (EN)")

    def test_unpublished_focus_area_is_hidden_from_the_public(self):
        self.client.post(
            "/admin/pages/focusarea/add/",
            {"title_de": "Geheim", "text_de": "Text"},
        )
        assert FocusArea.objects.get().published is False
        self.client.logout()
        assert "Geheim" not in self.client.get("/de/schwerpunkte/").content.decode()

    def test_missing_german_title_is_refused_in_german(self):
        response = self.client.post(
            "/admin/pages/focusarea/add/",
            {"title_de": "", "title_en": "Only English", "text_de": "Text", "order": 1},
        )
        self.assert_error(response, REQUIRED_DE)
        assert not FocusArea.objects.exists()

    def test_an_error_in_a_closed_language_tab_is_marked_for_the_tabs(self):
        response = self.client.post(
            "/admin/pages/focusarea/add/",
            {"title_de": "Titel", "title_en": "x" * 201, "text_de": "Text", "order": 1},
        )
        content = response.content.decode()
        self.assert_error(response, "höchstens 200 Zeichen")
        # modeltranslation's tab script marks the tab of every row with class "errors".
        assert re.search(r'class="form-row errors field-title_en"', content)
        assert not FocusArea.objects.exists()

    def test_publication_can_be_changed_from_the_list(self):
        area = FocusArea.objects.create(title_de="A", text_de="a", order=5, published=False)
        response = self.client.post(
            "/admin/pages/focusarea/",
            {
                "form-TOTAL_FORMS": 1,
                "form-INITIAL_FORMS": 1,
                "form-0-id": area.pk,
                "form-0-published": "on",
                "_save": "Sichern",
            },
        )
        assert response.status_code == 302
        area.refresh_from_db()
        assert area.published
        assert area.order == 5


class NoticeAdminTests(AdminTestCase):
    def notice_data(self, **overrides):
        data = {
            "title_de": "Neue Sprechzeiten",
            "title_en": "New consultation hours",
            "slug": "neue-sprechzeiten",
            "date": "2025-03-01",
            "text_de": "Ab sofort gelten *neue* Zeiten.",
            "text_en": "*New* hours apply from now on.",
            "published": "on",
        }
        data.update(overrides)
        return data

    def test_editor_adds_a_notice_in_both_languages(self):
        response = self.client.post("/admin/pages/notice/add/", self.notice_data())
        assert response.status_code == 302
        notice = Notice.objects.get()
        assert str(notice.date) == "2025-03-01"
        de = self.client.get("/de/aktuelles/neue-sprechzeiten/").content.decode()
        en = self.client.get("/en/notices/neue-sprechzeiten/").content.decode()
        assert "<h1>Neue Sprechzeiten</h1>" in de and "<em>neue</em>" in de
        assert "<h1>New consultation hours</h1>" in en and "<em>New</em>" in en

    def test_german_date_input_is_accepted(self):
        response = self.client.post("/admin/pages/notice/add/", self.notice_data(date="30.01.2025"))
        assert response.status_code == 302
        assert str(Notice.objects.get().date) == "2025-01-30"

    def test_duplicate_slug_is_refused_in_german(self):
        make_notice(slug="neue-sprechzeiten")
        response = self.client.post("/admin/pages/notice/add/", self.notice_data())
        self.assert_error(response, "existiert bereits")
        assert Notice.objects.count() == 1

    def test_invalid_slug_and_date_are_refused_in_german(self):
        response = self.client.post(
            "/admin/pages/notice/add/", self.notice_data(slug="mit leerzeichen", date="morgen")
        )
        self.assert_error(response, "gültiges Datum")
        assert "Kürzel" in response.content.decode()
        assert not Notice.objects.exists()

    def test_view_on_site_leads_to_the_public_page(self):
        notice = make_notice(slug="auf-der-seite")
        content_type = ContentType.objects.get_for_model(Notice)
        change = self.client.get(f"/admin/pages/notice/{notice.pk}/change/").content.decode()
        assert f"/admin/r/{content_type.pk}/{notice.pk}/" in change
        response = self.client.get(f"/admin/r/{content_type.pk}/{notice.pk}/")
        assert response.status_code == 302
        assert response["Location"].endswith("/de/aktuelles/auf-der-seite/")


class FreePageAdminTests(AdminTestCase):
    def test_editor_adds_a_footer_page_in_both_languages(self):
        response = self.client.post(
            "/admin/pages/freepage/add/",
            {
                "title_de": "Impressum",
                "title_en": "Legal notice",
                "slug": "impressum",
                "body_de": "Angaben.",
                "body_en": "Details.",
                "show_in_footer": "on",
                "order": 1,
                "published": "on",
            },
        )
        assert response.status_code == 302
        assert FreePage.objects.get().show_in_footer
        en = self.client.get("/en/").content.decode()
        assert '<a href="/en/page/impressum/">Legal notice</a>' in en
        assert "Details." in self.client.get("/en/page/impressum/").content.decode()

    def test_missing_german_text_is_refused(self):
        response = self.client.post(
            "/admin/pages/freepage/add/",
            {"title_de": "Impressum", "slug": "impressum", "body_de": "", "order": 1},
        )
        self.assert_error(response, REQUIRED_DE)
        assert not FreePage.objects.exists()


class GoalsAdminTests(AdminTestCase):
    def test_editor_edits_the_masterplan_in_both_languages(self):
        masterplan = make_masterplan()
        response = self.client.post(
            f"/admin/goals/masterplan/{masterplan.pk}/change/",
            {
                "title_de": "Masterplan Migration/Integration",
                "title_en": "Masterplan Migration/Integration",
                "adopted_by_de": "Rat der Stadt Dortmund",
                "adopted_by_en": "Dortmund City Council",
                "description_de": "Beschreibung",
                "description_en": "Description",
            },
        )
        assert response.status_code == 302
        assert "Adopted by: Dortmund City Council" in re.sub(
            "<[^>]+>", "", self.client.get("/en/goals/").content.decode()
        )
        assert self.client.get("/admin/goals/masterplan/add/").status_code == 403

    def test_editor_adds_a_goal_with_a_photo(self):
        masterplan = make_masterplan()
        photo = make_photo(credit_name="Max Muster")
        response = self.client.post(
            "/admin/goals/goal/add/",
            {
                "masterplan": masterplan.pk,
                "text_de": "Ein neues Ziel",
                "text_en": "A new goal",
                "order": 5,
                "photo": photo.pk,
            },
        )
        assert response.status_code == 302
        goal = Goal.objects.get()
        assert goal.photo == photo
        en = self.client.get("/en/goals/").content.decode()
        assert "A new goal" in en
        assert "Image: Max Muster" in en
        assert 'loading="lazy"' in en
        listing = self.client.get("/admin/goals/goal/").content.decode()
        assert f'<img src="{photo.picture["smallest_src"]}" alt="" width="80">' in listing

    def test_goal_without_german_text_is_refused(self):
        masterplan = make_masterplan()
        response = self.client.post(
            "/admin/goals/goal/add/",
            {"masterplan": masterplan.pk, "text_de": "", "text_en": "English", "order": 1},
        )
        self.assert_error(response, REQUIRED_DE)
        assert not Goal.objects.exists()

    def test_goals_are_shown_in_their_order(self):
        make_goal(text_de="Zweites", order=2)
        make_goal(text_de="Erstes", order=1)
        content = self.client.get("/de/ziele/").content.decode()
        assert content.index("Erstes") < content.index("Zweites")
        assert Masterplan.objects.count() == 1


class AdminShellTests(AdminTestCase):
    ADD_FORMS = [
        "/admin/photos/photo/add/",
        "/admin/pages/agencyprofile/add/",
        "/admin/pages/focusarea/add/",
        "/admin/pages/notice/add/",
        "/admin/pages/freepage/add/",
        "/admin/goals/masterplan/add/",
        "/admin/goals/goal/add/",
    ]

    def test_admin_speaks_german_by_default(self):
        content = self.client.get("/admin/").content.decode()
        assert "MIA-DO-KI Website" in content
        assert "Abmelden" in content
        assert "Schwerpunkte" in content and "Meldungen" in content

    def test_app_sections_have_german_names(self):
        index = self.client.get("/admin/").content.decode()
        assert "Website-Inhalte" in index and "Masterplan und Ziele" in index
        assert ">Pages<" not in index and ">Goals<" not in index
        section = self.client.get("/admin/pages/").content.decode()
        assert "Website-Inhalte-Administration" in section

    def test_the_index_lists_the_content_first_in_the_editors_order(self):
        index = self.client.get("/admin/").content.decode()
        sections = re.findall(r'<caption>\s*<a href="/admin/(\w+)/"', index)
        assert sections[:5] == ["pages", "goals", "photos", "feedback", "editorial"]

    def test_admin_pages_name_the_site_icon_so_browsers_do_not_ask_for_favicon_ico(self):
        self.client.logout()
        for url in ["/admin/login/", "/admin/pages/notice/add/", "/admin/pages/notice/"]:
            with self.subTest(url=url):
                if url != "/admin/login/":
                    self.client.force_login(self.editor)
                content = self.client.get(url).content.decode()
                assert re.search(r'<link rel="icon" href="/static/img/favicon[.\w]*svg"', content)
                assert "MIA-DO-KI Website" in content

    def test_free_page_headings_start_with_a_capital_letter(self):
        # Django puts the model's name first in German headings ("… hinzufügen").
        content = self.client.get("/admin/pages/freepage/add/").content.decode()
        assert "<h1>Freie Seite hinzufügen</h1>" in content

    def test_every_model_has_one_tab_per_language_and_loads_nothing_from_other_hosts(self):
        for url in self.ADD_FORMS:
            with self.subTest(url=url):
                content = self.client.get(url).content.decode()
                assert "modeltranslation/js/tabbed_translation_fields.js" in content
                assert "/static/vendor/jquery-ui-1.14.1.min.js" in content
                for language_code, _name in settings.LANGUAGES:
                    assert re.search(rf'name="\w+_{language_code}"', content)
                external = re.findall(r'(?:src|href)="((?:https?:)?//[^"]+)"', content)
                assert external == []


class MovedAdminAddressTests(AdminTestCase):
    """Photos, barrier reports and the translation work moved to apps of their own:
    editors' bookmarks to their old admin addresses still lead there."""

    def test_old_addresses_lead_to_the_new_ones(self):
        moved = {
            "/admin/pages/photo/": "/admin/photos/photo/",
            "/admin/pages/photo/7/change/?_changelist_filters=q%3Dx": (
                "/admin/photos/photo/7/change/?_changelist_filters=q%3Dx"
            ),
            "/admin/pages/accessibilityfeedback/": "/admin/feedback/accessibilityfeedback/",
            "/admin/pages/translationstate/": "/admin/editorial/translationstate/",
        }
        for old, new in moved.items():
            with self.subTest(old):
                response = self.client.get(old)
                assert response.status_code == 301
                assert response["Location"] == new

    def test_the_other_addresses_of_the_app_stay(self):
        assert self.client.get("/admin/pages/notice/").status_code == 200
