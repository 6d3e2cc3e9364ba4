"""The form for reporting a barrier (BITV 2.0 § 7), as visitors, editors and operators meet it."""

import re
import smtplib

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client, TestCase, override_settings

from editorial.page_cache import content_version
from editorial.roles import EDITORS, TRANSLATORS
from feedback.models import AccessibilityFeedback
from pages.models import FreePage

from .content import make_free_page, make_profile
from .test_editorial import make_staff

FORM_DE = "/de/barriere-melden/"
FORM_EN = "/en/report-a-barrier/"
THANKS_DE = "/de/barriere-melden/danke/"
RECIPIENT = "barrierefreiheit@example.org"

REPORT = {
    "name": "Erika Muster",
    "email": "erika@example.org",
    "page": "/de/ziele/",
    "message": "Die Ziele lassen sich mit der Tastatur nicht erreichen.",
}


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def csrf_token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def field_tag(response, name):
    """The <input> or <textarea> opening tag of one form field."""
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', response.content.decode())[0]


@override_settings(ACCESSIBILITY_FEEDBACK_EMAIL=RECIPIENT)
class SendingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile(
            accessibility_enforcement_name_de="Ombudsstelle für barrierefreie IT",
            accessibility_enforcement_url="https://ombudsstelle.example.org/",
        )

    def test_a_report_with_csrf_checks_is_stored_mailed_and_thanked_for(self):
        client = Client(enforce_csrf_checks=True)
        form_page = client.get(FORM_DE)
        assert form_page.status_code == 200
        assert settings.CSRF_COOKIE_NAME in form_page.cookies
        assert form_page["Cache-Control"] == "private, no-store"

        response = client.post(FORM_DE, {**REPORT, "csrfmiddlewaretoken": csrf_token(form_page)})
        assert response.status_code == 302
        assert response["Location"] == THANKS_DE

        feedback = AccessibilityFeedback.objects.get()
        assert (feedback.name, feedback.email, feedback.page, feedback.message) == (
            REPORT["name"],
            REPORT["email"],
            REPORT["page"],
            REPORT["message"],
        )
        assert feedback.language == "de"
        assert feedback.created_at is not None

        [message] = mail.outbox
        assert message.to == [RECIPIENT]
        assert message.reply_to == [REPORT["email"]]
        assert message.subject == "Meldung zur Barrierefreiheit von der Website"
        assert REPORT["message"] in message.body
        assert "Seite: /de/ziele/" in message.body
        assert f"/admin/feedback/accessibilityfeedback/{feedback.pk}/change/" in message.body

        thanks = client.get(THANKS_DE)
        assert "Vielen Dank für Ihre Meldung" in thanks.content.decode()
        assert not thanks.cookies

    def test_no_input_reaches_a_mail_header(self):
        # Only the e-mail address becomes a header (Reply-To); one with a line break is refused.
        response = self.client.post(FORM_DE, {**REPORT, "email": "a@example.org\nBcc: x@y.de"})
        assert response.status_code == 200 and not mail.outbox
        injected = "Erika\r\nBcc: spam@example.net\r\nSubject: Gewinn"
        response = self.client.post(FORM_DE, {**REPORT, "name": injected, "page": injected})
        assert response.status_code == 302
        [message] = mail.outbox
        headers = message.message()
        assert headers.get_all("Bcc") is None and message.bcc == []
        assert headers["Subject"] == "Meldung zur Barrierefreiheit von der Website"
        assert headers["Reply-To"] == REPORT["email"]
        assert message.recipients() == [RECIPIENT]

    def test_a_post_without_the_csrf_token_is_refused_in_the_sites_design(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(FORM_DE, REPORT)
        assert response.status_code == 403
        content = response.content.decode()
        assert "Ihr Formular konnte nicht gesendet werden" in content
        assert 'class="site-footer"' in content
        assert not AccessibilityFeedback.objects.exists()
        assert not mail.outbox

    def test_an_english_report_is_stored_with_its_language_and_mailed_in_german(self):
        response = self.client.post(FORM_EN, REPORT)
        assert response["Location"] == "/en/report-a-barrier/thanks/"
        assert AccessibilityFeedback.objects.get().language == "en"
        assert mail.outbox[0].subject == "Meldung zur Barrierefreiheit von der Website"
        thanks = self.client.get(response["Location"]).content.decode()
        assert "Thank you for your report" in thanks

    def test_the_form_page_shows_the_enforcement_body_beside_the_form(self):
        content = self.client.get(FORM_DE).content.decode()
        enforcement = content.split('class="enforcement"')[1].split("</section>")[0]
        assert (
            '<a href="https://ombudsstelle.example.org/">Ombudsstelle für barrierefreie IT</a>'
            in enforcement
        )
        english = self.client.get(FORM_EN).content.decode()
        # No English name yet: the German one, marked as German.
        assert '<a href="https://ombudsstelle.example.org/" lang="de">' in english

    def test_a_report_does_not_throw_away_the_cached_pages(self):
        before = content_version()
        self.client.post(FORM_DE, REPORT)
        assert AccessibilityFeedback.objects.exists()
        assert content_version() == before


class InvalidReportTests(TestCase):
    def test_errors_are_summarised_linked_announced_and_the_input_is_kept(self):
        response = self.client.post(
            FORM_DE, {"name": "Erika", "email": "keine-adresse", "message": "", "page": "Start"}
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "<title>Fehler: Barriere melden" in content
        summary = content.split('class="error-summary"')[1].split("</div>")[0]
        assert '<div class="error-summary" role="alert"' in content
        # At the top: right under the heading, before the introduction and the form.
        assert content.index("<h1>") < content.index('class="error-summary"')
        assert content.index('class="error-summary"') < content.index("Können Sie etwas")
        assert (
            '<a href="#id_email">Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel '
            "name@example.org.</a>" in summary
        )
        assert (
            '<a href="#id_message">Bitte beschreiben Sie die Barriere, die Sie gefunden haben.</a>'
            in summary
        )
        email = field_tag(response, "email")
        assert 'aria-invalid="true"' in email
        assert 'aria-describedby="id_email_helptext id_email_error"' in email
        assert 'autocomplete="email"' in email
        assert 'id="id_email_error"' in content
        assert 'value="keine-adresse"' in email
        name = field_tag(response, "name")
        assert 'value="Erika"' in name and 'autocomplete="name"' in name
        assert "aria-invalid" not in name
        assert 'value="Start"' in field_tag(response, "page")
        assert not AccessibilityFeedback.objects.exists()

    def test_english_visitors_get_english_messages(self):
        content = self.client.post(FORM_EN, {"email": "", "message": ""}).content.decode()
        assert "Please enter your e-mail address, so that we can answer you." in content
        assert "Please describe the barrier you found." in content

    def test_the_honeypot_is_hidden_skipped_by_the_keyboard_and_labelled_for_screen_readers(self):
        content = self.client.get(FORM_DE).content.decode()
        honeypot = re.search(r'<div class="visually-hidden">(.*?)</div>', content, re.S)[1]
        assert (
            '<label for="id_homepage">Bitte lassen Sie dieses Feld leer. Es dient dem Schutz '
            "vor automatisch versendetem Spam.</label>" in honeypot
        )
        assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot


@override_settings(ACCESSIBILITY_FEEDBACK_EMAIL=RECIPIENT)
class SpamTests(TestCase):
    def test_a_filled_in_honeypot_looks_sent_but_nothing_is_stored_or_mailed(self):
        with self.assertLogs("feedback.views", "INFO") as logs:
            response = self.client.post(FORM_DE, {**REPORT, "homepage": "https://spam.example"})
        assert response.status_code == 302
        assert response["Location"] == THANKS_DE
        assert not AccessibilityFeedback.objects.exists()
        assert not mail.outbox
        assert "honeypot" in logs.output[0]

    def test_six_reports_within_an_hour_from_one_address_are_one_too_many(self):
        for number in range(5):
            response = self.client.post(FORM_DE, {**REPORT, "email": f"p{number}@example.org"})
            assert response.status_code == 302
        response = self.client.post(FORM_DE, {**REPORT, "email": "p6@example.org"})
        assert response.status_code == 429
        assert response["Retry-After"] == "3600"
        content = response.content.decode()
        assert "Sie haben in der letzten Stunde schon mehrere Meldungen gesendet." in content
        assert REPORT["message"] in field_tag(response, "message") + content.split("</textarea>")[0]
        assert AccessibilityFeedback.objects.count() == 5
        assert len(mail.outbox) == 5
        # Someone else, elsewhere, is not affected.
        other = self.client.post(
            FORM_DE, {**REPORT, "email": "anna@example.org"}, REMOTE_ADDR="192.0.2.50"
        )
        assert other.status_code == 302

    def test_the_limit_holds_when_the_reports_reach_different_server_processes(self):
        # `make run` starts several Gunicorn workers, each with its own local-memory cache;
        # counted there, the limit let five reports per worker through.
        for number in range(5):
            response = self.client.post(FORM_DE, {**REPORT, "email": f"p{number}@example.org"})
            assert response.status_code == 302
            cache.clear()  # the next report reaches a worker whose memory is empty
        response = self.client.post(FORM_DE, {**REPORT, "email": "p6@example.org"})
        assert response.status_code == 429
        assert AccessibilityFeedback.objects.count() == 5

    def test_six_reports_with_one_e_mail_address_from_many_addresses_are_refused(self):
        for number in range(5):
            response = self.client.post(FORM_DE, REPORT, REMOTE_ADDR=f"192.0.2.{number + 1}")
            assert response.status_code == 302
        response = self.client.post(FORM_DE, REPORT, REMOTE_ADDR="192.0.2.99")
        assert response.status_code == 429
        assert AccessibilityFeedback.objects.count() == 5

    def test_without_a_proxy_a_forged_forwarded_for_header_does_not_escape_the_limit(self):
        for number in range(6):
            response = self.client.post(
                FORM_DE,
                {**REPORT, "email": f"p{number}@example.org"},
                headers={"x-forwarded-for": f"198.51.100.{number + 1}"},
            )
        assert response.status_code == 429

    @override_settings(
        AXES_IPWARE_PROXY_COUNT=1,
        AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
    )
    def test_behind_the_proxy_each_client_address_counts_on_its_own(self):
        """DJANGO_PROXY_COUNT=1: the address comes from X-Forwarded-For, as for the login."""
        for number in range(6):
            response = self.client.post(
                FORM_DE,
                {**REPORT, "email": f"p{number}@example.org"},
                headers={"x-forwarded-for": f"198.51.100.{number + 1}, 10.0.0.1"},
                REMOTE_ADDR="10.0.0.2",
            )
            assert response.status_code == 302, number
        assert AccessibilityFeedback.objects.count() == 6


class MailTests(TestCase):
    def test_without_a_recipient_the_report_is_stored_and_the_omission_logged(self):
        with self.settings(ACCESSIBILITY_FEEDBACK_EMAIL=""):
            with self.assertLogs("feedback.views", "INFO") as logs:
                response = self.client.post(FORM_DE, REPORT)
        assert response.status_code == 302
        assert AccessibilityFeedback.objects.count() == 1
        assert not mail.outbox
        assert "DJANGO_ACCESSIBILITY_FEEDBACK_EMAIL is not set" in logs.output[0]

    @override_settings(
        ACCESSIBILITY_FEEDBACK_EMAIL=RECIPIENT,
        EMAIL_BACKEND="tests.test_accessibility_feedback.FailingBackend",
    )
    def test_a_failing_mail_server_loses_no_report_and_shows_no_error(self):
        with self.assertLogs("feedback.views", "ERROR") as logs:
            response = self.client.post(FORM_DE, REPORT)
        assert response.status_code == 302
        assert response["Location"] == THANKS_DE
        feedback = AccessibilityFeedback.objects.get()
        assert feedback.message == REPORT["message"]
        assert (
            f"Accessibility feedback {feedback.pk} stored, but mailing it failed"
            in (logs.output[0])
        )
        # No personal data in the log.
        assert REPORT["email"] not in "\n".join(logs.output)


class StatementWithFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile(accessibility_enforcement_name_de="Ombudsstelle")
        make_free_page(
            slug="barrierefreiheit",
            title_de="Erklärung zur Barrierefreiheit",
            body_de="Stand der Vereinbarkeit.",
            shows_feedback_form=True,
        )

    def test_the_published_statement_shows_the_form_and_is_never_cached(self):
        first = Client().get("/de/seite/barrierefreiheit/")
        second = Client().get("/de/seite/barrierefreiheit/")
        for response in [first, second]:
            content = response.content.decode()
            assert '<form class="feedback-form" method="post" action="/de/barriere-melden/"' in (
                content
            )
            assert settings.CSRF_COOKIE_NAME in response.cookies
            assert response["Cache-Control"] == "private, no-store"
            # Without a website, the enforcement body is named, not linked.
            assert "<span>Ombudsstelle</span>" in content
        # Each visitor got a token of their own: the second page was not the first's copy.
        assert csrf_token(first) != csrf_token(second)

    def test_a_report_from_the_statement_page_passes_the_csrf_check(self):
        client = Client(enforce_csrf_checks=True)
        page = client.get("/de/seite/barrierefreiheit/")
        response = client.post(FORM_DE, {**REPORT, "csrfmiddlewaretoken": csrf_token(page)})
        assert response.status_code == 302
        assert AccessibilityFeedback.objects.count() == 1

    def test_the_form_page_links_the_published_statement(self):
        content = self.client.get(FORM_DE).content.decode()
        assert (
            'Mehr zur Barrierefreiheit dieser Website: <a href="/de/seite/barrierefreiheit/">'
            "Erklärung zur Barrierefreiheit</a>" in content
        )
        FreePage.objects.get().delete()
        assert "/de/seite/barrierefreiheit/" not in self.client.get(FORM_DE).content.decode()

    def test_a_report_without_its_cookie_is_refused_with_the_way_back_to_the_form(self):
        # A visitor whose browser dropped the CSRF cookie was told to "open the form again",
        # with only a link to the home page.
        client = Client(enforce_csrf_checks=True)
        response = client.post(FORM_DE, REPORT)
        content = response.content.decode()
        assert response.status_code == 403
        assert "Ihr Formular konnte nicht gesendet werden" in content
        assert f'<a href="{FORM_DE}">Zurück zum Formular</a>' in content
        assert 'class="site-header"' in content
        english = client.post(FORM_EN, REPORT).content.decode()
        assert f'<a href="{FORM_EN}">Back to the form</a>' in english
        assert not AccessibilityFeedback.objects.exists()

    def test_other_pages_set_no_cookie(self):
        for url in ["/de/", "/en/picture-credits/", THANKS_DE, "/de/seite/gibt-es-nicht/"]:
            response = Client().get(url)
            assert not response.cookies, url


class FeedbackAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteurin", EDITORS)
        cls.translator = make_staff("uebersetzer", TRANSLATORS)
        cls.first = AccessibilityFeedback.objects.create(
            email="erika@example.org", message="Kontrast im Fuß zu schwach.", language="de"
        )
        cls.second = AccessibilityFeedback.objects.create(
            name="Max", email="max@example.org", message="Video ohne Untertitel.", language="en"
        )

    def test_editors_read_the_reports_in_german_and_search_them(self):
        self.client.force_login(self.editor)
        response = self.client.get("/admin/feedback/accessibilityfeedback/")
        assert response.status_code == 200
        content = response.content.decode()
        assert "Meldungen zur Barrierefreiheit" in content
        for heading in ["Eingegangen", "E-Mail", "Name", "Betroffene Seite", "Nachricht"]:
            assert heading in content, heading
        assert "Kontrast im Fuß zu schwach." in content
        assert "hinzufügen" not in content.split('id="content-main"')[1].split("</form>")[0]
        found = self.client.get("/admin/feedback/accessibilityfeedback/", {"q": "Untertitel"})
        assert "Video ohne Untertitel." in found.content.decode()
        assert "Kontrast" not in found.content.decode().split('id="result_list"')[1]

    def test_a_nul_byte_in_the_language_filter_is_a_bad_request_not_a_500(self):
        # PostgreSQL refuses NUL in text; the filter would hand it over unchecked.
        self.client.force_login(self.editor)
        url = "/admin/feedback/accessibilityfeedback/"
        assert self.client.get(url, {"language": "de"}).status_code == 200
        assert self.client.get(url, {"language": "\x00"}).status_code == 400
        assert self.client.get("/admin/photos/photo/", {"credit_role": "a\x00"}).status_code == 400

    def test_the_language_of_a_report_is_named_not_coded(self):
        # Editors saw "de" and "en" in the filter and on each report.
        self.client.force_login(self.editor)
        listing = self.client.get("/admin/feedback/accessibilityfeedback/").content.decode()
        sidebar = listing.split('id="changelist-filter"')[1]
        assert ">Englisch</a>" in sidebar and ">Deutsch</a>" in sidebar
        assert ">en</a>" not in sidebar
        english = self.client.get("/admin/feedback/accessibilityfeedback/", {"language": "en"})
        assert "Video ohne Untertitel." in english.content.decode()
        assert "Kontrast im Fuß" not in english.content.decode()
        url = f"/admin/feedback/accessibilityfeedback/{self.second.pk}/change/"
        report = self.client.get(url).content.decode()
        assert '<div class="readonly">Englisch</div>' in report

    def test_a_report_can_be_read_but_not_changed_or_added(self):
        self.client.force_login(self.editor)
        url = f"/admin/feedback/accessibilityfeedback/{self.first.pk}/change/"
        page = self.client.get(url)
        assert page.status_code == 200
        assert "Kontrast im Fuß zu schwach." in page.content.decode()
        assert '<textarea name="message"' not in page.content.decode()
        response = self.client.post(url, {"email": "x@example.org", "message": "geändert"})
        assert response.status_code == 403
        self.first.refresh_from_db()
        assert self.first.message == "Kontrast im Fuß zu schwach."
        assert self.client.get("/admin/feedback/accessibilityfeedback/add/").status_code == 403

    def test_editors_may_delete_a_report(self):
        self.client.force_login(self.editor)
        url = f"/admin/feedback/accessibilityfeedback/{self.second.pk}/delete/"
        response = self.client.post(url, {"post": "yes"})
        assert response.status_code == 302
        assert not AccessibilityFeedback.objects.filter(pk=self.second.pk).exists()

    def test_translators_and_visitors_see_no_reports(self):
        self.client.force_login(self.translator)
        assert self.client.get("/admin/feedback/accessibilityfeedback/").status_code == 403
        self.client.logout()
        response = self.client.get("/admin/feedback/accessibilityfeedback/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_the_editors_group_may_view_and_delete_reports(self):
        codenames = set(
            Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True)
        )
        assert {"view_accessibilityfeedback", "delete_accessibilityfeedback"} <= codenames
