"""Editors' accounts: lockout, passwords, two factors, session expiry, admin path, 403s."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import TestCase, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from goals.models import Goal, Masterplan
from pages.models import AgencyProfile, FocusArea, FreePage, Notice
from photos.models import Photo

from .content import (
    make_focus_area,
    make_free_page,
    make_goal,
    make_notice,
    make_photo,
    make_profile,
)
from .test_settings import manage

PASSWORD = "Friedensplatz-Dortmund-2026"


def current_token(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


class AccountTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser(
            "redaktion", "redaktion@example.org", PASSWORD
        )

    def log_in(self, username="redaktion", password=PASSWORD, address="192.0.2.10", **extra):
        return self.client.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "next": "/admin/", **extra},
            REMOTE_ADDR=address,
        )


class LockoutTests(AccountTestCase):
    def fail_five_times(self, address="192.0.2.10"):
        for _attempt in range(4):
            response = self.log_in(password="falsch", address=address)
            assert response.status_code == 200  # the form again, with its error
        # The fifth mistake already answers with the lockout.
        assert self.log_in(password="falsch", address=address).status_code == 429

    def test_five_wrong_passwords_lock_the_user_out_from_that_address_in_german(self):
        self.fail_five_times()
        response = self.log_in()
        content = response.content.decode()
        assert response.status_code == 429
        assert "Anmeldung gesperrt" in content
        assert "5-mal hintereinander falsch eingegeben" in content
        assert "Bitte warten Sie 15 Minuten" in content
        assert "MIA-DO-KI Website" in content, "in the admin's own design"
        assert "_auth_user_id" not in self.client.session

    def test_the_same_editor_can_still_log_in_from_another_address(self):
        self.fail_five_times()
        assert self.log_in(address="198.51.100.7").status_code == 302

    def test_other_editors_at_the_same_address_are_not_locked_out(self):
        get_user_model().objects.create_user("zweite", password=PASSWORD, is_staff=True)
        self.fail_five_times()
        assert self.log_in(username="zweite").status_code == 302

    def test_four_mistakes_are_forgiven_and_the_lockout_ends_after_fifteen_minutes(self):
        for _attempt in range(4):
            self.log_in(password="falsch")
        assert self.log_in().status_code == 302
        self.client.logout()
        self.fail_five_times()
        assert self.log_in().status_code == 429
        AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
        assert self.log_in().status_code == 302


class PasswordTests(AccountTestCase):
    def setUp(self):
        self.client.force_login(self.editor)
        self.colleague = get_user_model().objects.create_user(
            "erika.mustermann", password=PASSWORD, is_staff=True
        )

    def change_password(self, new_password):
        return self.client.post(
            f"/admin/auth/user/{self.colleague.pk}/password/",
            {"password1": new_password, "password2": new_password, "usable_password": "true"},
        )

    def test_weak_passwords_are_refused_with_german_reasons(self):
        reasons = {
            "Kurz-123": "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten.",
            "password1234": "Dieses Passwort ist zu üblich.",
            "481516234211": "Dieses Passwort ist komplett numerisch.",
            "erika.mustermann1": "Das Passwort ist zu ähnlich zu Benutzername.",
        }
        for password, reason in reasons.items():
            with self.subTest(password):
                response = self.change_password(password)
                assert response.status_code == 200
                assert reason in response.content.decode()
        self.colleague.refresh_from_db()
        assert self.colleague.check_password(PASSWORD)

    def test_a_strong_password_is_accepted(self):
        assert self.change_password("Ruhrgebiet-Stadtgarten-7").status_code == 302
        self.colleague.refresh_from_db()
        assert self.colleague.check_password("Ruhrgebiet-Stadtgarten-7")


class TwoFactorTests(AccountTestCase):
    def add_device(self, user):
        return TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)

    def test_the_login_form_asks_for_the_token(self):
        content = self.client.get("/admin/login/").content.decode()
        assert 'name="otp_token"' in content

    def test_without_a_device_the_password_is_enough_unless_required(self):
        assert self.log_in().status_code == 302
        assert self.client.get("/admin/").status_code == 200

    def test_with_a_device_the_token_is_required_and_checked(self):
        device = self.add_device(self.editor)
        response = self.log_in()
        assert response.status_code == 200
        assert "Bitte geben Sie den Einmalcode aus Ihrer Authenticator-App ein." in (
            response.content.decode()
        )
        wrong = f"{(int(current_token(device)) + 1) % 1_000_000:06d}"
        response = self.log_in(otp_token=wrong)
        assert response.status_code == 200
        assert "_auth_user_id" not in self.client.session
        device.refresh_from_db()
        device.throttling_failure_count = 0  # let the right token through at once
        device.throttling_failure_timestamp = None
        device.save()
        assert self.log_in(otp_token=current_token(device)).status_code == 302
        assert self.client.get("/admin/").status_code == 200

    def test_a_session_that_skipped_the_token_does_not_reach_the_admin(self):
        self.add_device(self.editor)
        self.client.force_login(self.editor)
        response = self.client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    @override_settings(ADMIN_REQUIRE_2FA=True)
    def test_when_required_staff_without_a_device_cannot_log_in(self):
        response = self.log_in()
        assert response.status_code == 200
        assert "braucht einen zweiten Faktor" in response.content.decode()
        assert "_auth_user_id" not in self.client.session
        self.client.force_login(self.editor)
        assert self.client.get("/admin/").status_code == 302

    @override_settings(ADMIN_REQUIRE_2FA=True)
    def test_when_required_staff_with_a_device_log_in_with_its_token(self):
        device = self.add_device(self.editor)
        assert self.log_in().status_code == 200
        assert self.log_in(otp_token=current_token(device)).status_code == 302
        assert self.client.get("/admin/").status_code == 200


class SessionTests(AccountTestCase):
    def test_an_editors_session_ends_with_the_browser_and_after_a_working_day(self):
        response = self.log_in()
        cookie = response.cookies["sessionid"]
        assert cookie["expires"] == "" and cookie["max-age"] == "", "a browser-session cookie"
        session = Session.objects.get()
        assert session.expire_date - timezone.now() < timedelta(hours=8, minutes=1)
        assert self.client.get("/admin/").status_code == 200
        Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
        response = self.client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


class AdminPathTests(TestCase):
    def test_the_admin_path_is_set_by_the_environment(self):
        result = manage(
            "shell",
            "-v0",
            "-c",
            "from django.urls import reverse, resolve, Resolver404; "
            "from django.test import Client; "
            "r = Client().get('/verwaltung-mia/'); print(reverse('admin:index'), r['Location'])\n"
            "try: resolve('/admin/')\nexcept Resolver404: print('no-admin-at-/admin/')",
            env={"DJANGO_ADMIN_URL": "/verwaltung-mia/", "DJANGO_ALLOWED_HOSTS": "testserver"},
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split()[-3:] == [
            "/verwaltung-mia/",
            "/verwaltung-mia/login/?next=/verwaltung-mia/",
            "no-admin-at-/admin/",
        ]


class MissingPermissionTests(TestCase):
    """A staff member without a permission gets 403 for it on every admin page, never a 500."""

    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_user("ohne-rechte", is_staff=True)
        photo = make_photo()
        cls.objects = {
            Photo: photo,
            AgencyProfile: make_profile(hero_photo=photo),
            FocusArea: make_focus_area(),
            Notice: make_notice(),
            FreePage: make_free_page(),
            Goal: make_goal(),
            Masterplan: Masterplan.objects.get(),
        }

    def setUp(self):
        self.client.force_login(self.staff)

    def test_every_admin_view_answers_403(self):
        for model, model_admin in admin.site._registry.items():
            obj = self.objects.get(model) or model._default_manager.first()
            urls = []
            # Every view the model's admin has, its own extra views included.
            for pattern in model_admin.get_urls():
                name = getattr(pattern, "name", None)
                if not name:
                    continue
                language = "<str:language>" in str(pattern.pattern)
                for args in [(), (obj.pk,) if obj else None, ("de",) if language else None]:
                    try:
                        urls.append(reverse(f"admin:{name}", args=args))
                        break
                    except (NoReverseMatch, TypeError):
                        continue
            assert urls, model
            for url in urls:
                with self.subTest(url):
                    assert self.client.get(url).status_code == 403
                    assert self.client.post(url, {"title_de": "Geändert"}).status_code == 403
        assert Notice.objects.get().title_de == "Meldung"
        assert len(admin.site._registry) >= 7

    def test_view_permission_alone_shows_but_does_not_save(self):
        self.staff.user_permissions.add(*self.permissions("view_notice"))
        notice = self.objects[Notice]
        url = f"/admin/pages/notice/{notice.pk}/change/"
        assert self.client.get(url).status_code == 200
        assert self.client.post(url, {"title_de": "Geändert"}).status_code == 403
        assert self.client.get(f"/admin/pages/notice/{notice.pk}/delete/").status_code == 403
        notice.refresh_from_db()
        assert notice.title_de == "Meldung"

    def permissions(self, *codenames):
        from django.contrib.auth.models import Permission

        return Permission.objects.filter(codename__in=codenames)
