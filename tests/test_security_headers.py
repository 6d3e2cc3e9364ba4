"""Every response carries the security headers, static files and uploads included."""

import re

from django.test import TestCase, override_settings

from .content import make_photo, make_profile
from .test_settings import PRODUCTION_ENV, manage

EVERY_RESPONSE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def csp_directives(response):
    policy = response.headers["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class SecurityHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile(hero_photo=make_photo())

    def assert_security_headers(self, response):
        for header, value in EVERY_RESPONSE.items():
            assert response.headers.get(header) == value, (header, response.headers)
        permissions = response.headers["Permissions-Policy"]
        for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"]:
            assert feature in permissions
        directives = csp_directives(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]
        assert directives["connect-src"] == ["'self'"]
        return directives

    def test_public_pages_get_the_strict_policy_without_inline_code_or_nonces(self):
        for url in ["/de/", "/en/focus-areas/", "/de/ziele/", "/de/aktuelles/", "/de/nichts/"]:
            response = self.client.get(url)
            directives = self.assert_security_headers(response)
            assert response.headers["X-Frame-Options"] == "DENY"
            policy = response.headers["Content-Security-Policy"]
            assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
            assert "nonce-" not in policy, "a nonce would make every cached page differ"
            assert directives["script-src"] == ["'none'"], "public pages need no script"
            assert directives["style-src"] == ["'self'"]
            assert directives["img-src"] == ["'self'"]

    def test_public_pages_really_contain_no_inline_script_or_style(self):
        content = self.client.get("/de/").content.decode()
        # The one script element is the home page's schema.org data, which never runs.
        scripts = re.findall(r"<script[^>]*>", content)
        assert scripts == ['<script type="application/ld+json">']
        assert "<style" not in content
        assert " style=" not in content and " on" + "load=" not in content

    def test_static_files_and_uploads_carry_the_headers_too(self):
        photo = make_photo()
        for url in ["/static/css/site.css", photo.image.url, "/robots-gibt-es-nicht.txt"]:
            response = self.client.get(url)
            assert response.status_code in {200, 404}, url
            self.assert_security_headers(response)
        assert self.client.get("/static/css/site.css").status_code == 200

    def test_the_admin_has_its_own_policy_still_without_inline_script(self):
        response = self.client.get("/admin/login/")
        directives = self.assert_security_headers(response)
        assert directives["script-src"] == ["'self'"]
        assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
        assert directives["style-src"] == ["'self'"]

    def test_hsts_is_sent_over_https_in_production_only(self):
        response = self.client.get("/de/", secure=True)
        assert "Strict-Transport-Security" not in response.headers
        result = manage(
            "shell",
            "-v0",
            "-c",
            "from django.test import Client; "
            "h = {'host': 'www.example.de'}; "
            "r = Client().get('/.well-known/security.txt', secure=True, headers=h); "
            "print(r.status_code, r.headers['Strict-Transport-Security']); "
            "r = Client().get('/de/', headers=h); "
            "print(r.status_code, r['Location'], \"frame-ancestors 'none'\" in r.headers.get("
            "'Content-Security-Policy', ''))",
            # security.txt needs no database, so this runs without migrating one.
            env={
                **PRODUCTION_ENV,
                "DJANGO_SECURITY_CONTACT": "sicherheit@example.de",
                "DJANGO_SECURITY_TXT_EXPIRES": "2027-06-30",
            },
        )
        assert result.returncode == 0, result.stderr
        hsts, redirect = result.stdout.splitlines()[-2:]
        assert hsts == "200 max-age=63072000; includeSubDomains; preload"
        # Plain HTTP is redirected, and even that answer carries the policy.
        assert redirect == "301 https://www.example.de/de/ True"


class ObjectStorageImageTests(TestCase):
    def test_photos_from_an_object_store_are_allowed_by_the_policy(self):
        result = manage(
            "shell",
            "-v0",
            "-c",
            "from django.conf import settings; "
            "print(*settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
            env={
                "DJANGO_MEDIA_STORAGE": "s3",
                "AWS_STORAGE_BUCKET_NAME": "fotos",
                "AWS_S3_CUSTOM_DOMAIN": "bilder.example.de",
            },
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split()[-2:] == ["'self'", "https://bilder.example.de"]


class SecurityTxtTests(TestCase):
    def test_without_a_configured_contact_there_is_no_security_txt(self):
        assert self.client.get("/.well-known/security.txt").status_code == 404

    @override_settings(
        SECURITY_TXT_CONTACT="sicherheit@example.de", SECURITY_TXT_EXPIRES="2027-06-30"
    )
    def test_security_txt_follows_rfc_9116(self):
        response = self.client.get("/.well-known/security.txt")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.decode().splitlines() == [
            "Contact: mailto:sicherheit@example.de",
            "Expires: 2027-06-30T00:00:00Z",
            "Preferred-Languages: de, en",
            "Canonical: http://testserver/.well-known/security.txt",
        ]

    def test_an_unreadable_expiry_stops_the_site_from_starting(self):
        result = manage("check", env={"DJANGO_SECURITY_TXT_EXPIRES": "bald"})
        assert result.returncode != 0
        assert "DJANGO_SECURITY_TXT_EXPIRES" in result.stderr
