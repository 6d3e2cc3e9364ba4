"""Small things editors tripped over: German names, help texts and limits, and how long
barrier reports are kept (issue 12)."""

import re
from datetime import timedelta
from html import unescape

from django.contrib import admin
from django.core.management import call_command
from django.test import Client, RequestFactory, TestCase, override_settings
from django.utils import timezone

from feedback.models import AccessibilityFeedback
from pages.models import FreePage, Notice

from .content import make_masterplan, make_profile
from .test_accessibility_feedback import FORM_DE, FORM_EN, REPORT
from .test_editorial import make_staff

CHANGELIST = "/admin/feedback/accessibilityfeedback/"


def make_report(age_days=0, **kwargs):
    report = AccessibilityFeedback.objects.create(
        **{
            **{"email": "erika@example.org", "message": "Kein Kontrast.", "language": "de"},
            **kwargs,
        }
    )
    # created_at is auto_now_add: set the age afterwards.
    AccessibilityFeedback.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - timedelta(days=age_days)
    )
    return report


def text_of(response):
    """The page's visible text in one line, tags removed, as a reader meets it."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


class GermanAdminNamesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin_user = make_staff("chefin", superuser=True)

    def setUp(self):
        self.client.force_login(self.admin_user)

    def get(self, path, **kwargs):
        return self.client.get(path, headers={"accept-language": "de"}, **kwargs)

    def test_one_report_is_counted_in_the_singular(self):
        make_report()
        page = text_of(self.get(CHANGELIST))
        assert "1 Meldung zur Barrierefreiheit" in page
        assert "1 Meldungen" not in page

    def test_deleting_one_report_confirms_it_in_the_singular(self):
        report = make_report()
        response = self.client.post(
            CHANGELIST,
            {"action": "delete_selected", "_selected_action": [report.pk], "post": "yes"},
            headers={"accept-language": "de"},
            follow=True,
        )
        page = text_of(response)
        assert "1 Meldung zur Barrierefreiheit gelöscht" in page
        assert not AccessibilityFeedback.objects.exists()

    def test_two_reports_are_counted_in_the_plural(self):
        make_report()
        make_report()
        assert "2 Meldungen zur Barrierefreiheit" in text_of(self.get(CHANGELIST))

    def test_the_two_factor_section_has_german_names(self):
        page = text_of(self.get("/admin/"))
        assert "Zwei-Faktor-Anmeldung" in page
        assert "Authenticator-Apps" in page
        assert "TOTP devices" not in page
        assert "Otp_Totp" not in page
        devices = text_of(self.get("/admin/otp_totp/totpdevice/"))
        assert "Authenticator-App zur Änderung auswählen" in devices


class HelpTextTests(TestCase):
    """Every field an editor fills in says what it is for; limits are stated, not guessed."""

    @classmethod
    def setUpTestData(cls):
        cls.admin_user = make_staff("chefin", superuser=True)

    def setUp(self):
        self.client.force_login(self.admin_user)

    def add_form(self, path):
        response = self.client.get(path, headers={"accept-language": "de"})
        assert response.status_code == 200
        return response.content.decode()

    def test_every_field_of_every_content_form_has_a_help_text(self):
        missing = []
        for model, model_admin in admin.site._registry.items():
            if model._meta.app_label not in {"pages", "goals", "photos"}:
                continue
            request = RequestFactory().get("/")
            request.user = self.admin_user
            if not model_admin.has_add_permission(request):
                continue
            opts = model._meta
            html = self.add_form(f"/admin/{opts.app_label}/{opts.model_name}/add/")
            for name in set(re.findall(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"', html)):
                if name in {"csrfmiddlewaretoken", "_save", "_continue", "_addanother"}:
                    continue
                if f'id="id_{name}_helptext"' in html:
                    continue
                # A date and time field's two inputs share one help text, which Django's
                # template gives no id: it must be in the field's row.
                row = re.search(
                    rf'class="form-row[^"]*\bfield-{re.sub(r"_[01]$", "", name)}\b.*?'
                    r'(?=class="form-row|</fieldset>)',
                    html,
                    re.S,
                )
                if not (name[-2:] in {"_0", "_1"} and row and 'class="help"' in row[0]):
                    missing.append(f"{opts.label}.{name}")
        assert missing == []

    @override_settings(PHOTO_MAX_UPLOAD_SIZE=7 * 1024 * 1024, PHOTO_MAX_PIXELS=30_000_000)
    def test_the_photo_upload_states_formats_and_limits_from_the_settings(self):
        html = text_of(self.client.get("/admin/photos/photo/add/"))
        assert re.search(r"JPEG, PNG, WebP(, AVIF)?; höchstens 7,0 MB und 30 Millionen Pixel", html)

    @override_settings(VIDEO_MAX_UPLOAD_SIZE=123 * 1024 * 1024)
    def test_the_video_uploads_state_formats_and_limits_from_the_settings(self):
        make_profile()
        html = text_of(self.client.get("/admin/pages/signlanguagevideo/add/"))
        assert "MP4 (H.264) oder WebM; höchstens 123,0 MB" in html
        assert "WebVTT (.vtt); höchstens 1,0 MB" in html
        assert re.search(r"JPEG, PNG, WebP(, AVIF)?; höchstens 15,0 MB", html)

    def test_text_fields_state_their_limit_and_carry_a_counter(self):
        html = self.add_form("/admin/pages/notice/add/")
        title = re.search(r'<input[^>]*name="title_de"[^>]*>', html)[0]
        assert 'maxlength="200"' in title
        assert "data-character-count" in title
        assert re.search(r'id="id_title_de_helptext"[^>]*>.*?Bis zu 200 Zeichen', html, re.S)
        assert "js/character-count.js" in html

    def test_goal_form_names_what_each_field_is_for(self):
        make_masterplan()
        page = text_of(self.client.get("/admin/goals/goal/add/", headers={"accept-language": "de"}))
        assert "Das Ziel in einem oder wenigen Sätzen." in page
        assert "Optional: ein Foto neben dem Ziel" in page


class FeedbackFormNoticeTests(TestCase):
    """A visitor learns, on the form itself, how much to write and what happens to it."""

    @classmethod
    def setUpTestData(cls):
        make_profile()

    def test_the_message_limit_is_stated_in_words(self):
        page = text_of(self.client.get(FORM_DE))
        assert "Bis zu 5.000 Zeichen" in page
        assert "Up to 5,000 characters" in text_of(self.client.get(FORM_EN))

    @override_settings(ACCESSIBILITY_FEEDBACK_RETENTION_DAYS=90)
    def test_the_form_says_what_is_stored_who_reads_it_and_for_how_long(self):
        page = text_of(self.client.get(FORM_DE))
        assert "Was wir speichern" in page
        assert "Ihre IP-Adresse speichern wir nicht" in page
        assert "Integrationszentrum" in page  # who reads it: the agency, by its name
        assert "nach 90 Tagen automatisch gelöscht" in page
        english = text_of(self.client.get(FORM_EN))
        assert "deleted automatically after 90 days" in english

    def test_a_message_over_the_limit_is_refused_and_kept_in_the_form(self):
        response = self.client.post(FORM_DE, {**REPORT, "message": "x" * 5001})
        assert response.status_code == 200
        assert not AccessibilityFeedback.objects.exists()
        page = text_of(response)
        assert "höchstens 5000 Zeichen" in page or "höchstens 5.000 Zeichen" in page
        assert "x" * 5001 in response.content.decode()


@override_settings(ACCESSIBILITY_FEEDBACK_RETENTION_DAYS=30)
class RetentionTests(TestCase):
    """Reports go after the retention period, with no cron job to forget."""

    @classmethod
    def setUpTestData(cls):
        make_profile()
        cls.admin_user = make_staff("chefin", superuser=True)

    def setUp(self):
        self.old = make_report(age_days=31, email="alt@example.org")
        self.recent = make_report(age_days=29, email="neu@example.org")

    def remaining(self):
        return set(AccessibilityFeedback.objects.values_list("email", flat=True))

    def test_a_new_report_removes_the_expired_ones(self):
        response = Client().post(FORM_DE, REPORT)
        assert response.status_code == 302
        assert self.remaining() == {"neu@example.org", REPORT["email"]}

    def test_opening_the_admin_list_removes_the_expired_ones(self):
        self.client.force_login(self.admin_user)
        page = text_of(self.client.get(CHANGELIST, headers={"accept-language": "de"}))
        assert "alt@example.org" not in page
        assert "neu@example.org" in page
        assert self.remaining() == {"neu@example.org"}

    def test_an_expired_report_cannot_be_opened(self):
        self.client.force_login(self.admin_user)
        response = self.client.get(f"{CHANGELIST}{self.old.pk}/change/", follow=True)
        assert "Kein Kontrast." not in text_of(response)

    def test_the_command_removes_them_on_demand(self):
        call_command("purge_feedback", verbosity=0)
        assert self.remaining() == {"neu@example.org"}

    @override_settings(ACCESSIBILITY_FEEDBACK_RETENTION_DAYS=365)
    def test_the_default_period_keeps_both(self):
        call_command("purge_feedback", verbosity=0)
        assert self.remaining() == {"alt@example.org", "neu@example.org"}


class GermanSlugTests(TestCase):
    """A slug typed by hand with umlauts is spelt out, as the one filled in from the title."""

    @classmethod
    def setUpTestData(cls):
        cls.admin_user = make_staff("chefin", superuser=True)

    def setUp(self):
        self.client.force_login(self.admin_user)

    def post(self, path, data):
        return self.client.post(path, data, headers={"accept-language": "de"})

    def test_a_notice_slug_with_umlauts_is_spelt_out(self):
        response = self.post(
            "/admin/pages/notice/add/",
            {"title_de": "Größere Übung", "slug": "größere-übung", "text_de": "Text."},
        )
        assert response.status_code == 302
        assert Notice.objects.get().slug == "groessere-uebung"
        assert self.client.get("/de/aktuelles/groessere-uebung/").status_code == 200

    def test_a_free_page_slug_with_sharp_s_is_spelt_out(self):
        response = self.post(
            "/admin/pages/freepage/add/",
            {"title_de": "Straßen", "slug": "straßen", "body_de": "Text.", "order": "0"},
        )
        assert response.status_code == 302
        assert FreePage.objects.get().slug == "strassen"

    def test_other_characters_a_slug_may_not_hold_are_still_refused(self):
        response = self.post(
            "/admin/pages/notice/add/",
            {"title_de": "Größere Übung", "slug": "größere übung", "text_de": "Text."},
        )
        assert response.status_code == 200
        assert "Kürzel" in response.content.decode()
        assert not Notice.objects.exists()
