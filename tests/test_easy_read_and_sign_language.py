"""The Leichte Sprache and German Sign Language pages that BITV 2.0 asks for, their admin
uploads (videos checked by content), and the media view's answers to Range requests."""

import re
import struct
from pathlib import Path
from unittest import mock

import hypothesis
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import django as hypothesis_django

from editorial import translation_status
from editorial.roles import EDITORS, TRANSLATORS
from editorial.seed import read_record
from miado_site import media
from pages.models import EasyReadPage, SignLanguagePage, SignLanguageVideo
from pages.seeding import SEED
from photos.validators import validate_captions_upload, validate_video_upload

from .content import (
    image_upload,
    load_seed,
    make_focus_area,
    make_notice,
    make_profile,
    media_files,
    use_temporary_media_root,
)
from .test_admin import AdminTestCase
from .test_public_site import visible_text
from .test_settings import manage

EASY_READ = read_record(SEED / "easy-read", EasyReadPage, body="body")


def box(kind, payload=b""):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4_bytes(codec=b"avc1", brand=b"isom", moov_at_end=False):
    """The smallest MP4 the validator takes: ftyp, and a moov with one video track."""
    handler = b"\0" * 8 + b"vide" + b"\0" * 13
    # A visual sample entry: reserved bytes, data reference, then width, height and the rest.
    sample_entry = box(codec, b"\0" * 6 + b"\0\x01" + b"\0" * 70)
    sample_descriptions = box(b"stsd", b"\0" * 4 + struct.pack(">I", 1) + sample_entry)
    track = box(
        b"trak",
        box(
            b"mdia",
            box(b"hdlr", handler) + box(b"minf", box(b"stbl", sample_descriptions)),
        ),
    )
    ftyp = box(b"ftyp", brand + b"\0\0\x02\0" + brand + b"mp41")
    moov = box(b"moov", track)
    mdat = box(b"mdat", b"\0" * 64)
    return ftyp + (mdat + moov if moov_at_end else moov + mdat)


def webm_bytes(doctype=b"webm"):
    """An EBML header of the given DocType, followed by an (empty) Segment."""
    doctype_element = b"\x42\x82" + bytes([0x80 | len(doctype)]) + doctype
    header = b"\x42\x86\x81\x01" + doctype_element  # EBMLVersion 1, DocType
    return b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(header)]) + header + b"\x18\x53\x80\x67\x80"


CAPTIONS = "WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nWillkommen bei MIA-DO-KI.\n"


def video_upload(data=None, name="vorstellung.mp4", content_type="video/mp4"):
    return SimpleUploadedFile(name, mp4_bytes() if data is None else data, content_type)


def captions_upload(text=CAPTIONS, name="vorstellung.vtt"):
    return SimpleUploadedFile(name, text.encode(), "text/vtt")


def make_video(**kwargs):
    values = {
        "title_de": "Wer wir sind",
        "video": video_upload(),
        "transcript_de": "Wir sind das Integrationszentrum der Stadt Dortmund.",
    }
    values.update(kwargs)
    return SignLanguageVideo.objects.create(**values)


def headings(content):
    """The levels of the headings in <main>, in document order."""
    main = content.split("<main", 1)[1].split("</main>", 1)[0]
    return [int(level) for level in re.findall(r"<h([1-6])\b", main)]


def assert_outline_in_order(content):
    levels = headings(content)
    assert levels.count(1) == 1 and levels[0] == 1, levels
    for previous, level in zip(levels, levels[1:], strict=False):
        assert level <= previous + 1, f"heading levels skip: {levels}"


class SeededPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_german_easy_read_page_explains_the_agency_in_leichte_sprache(self):
        response = self.client.get("/de/leichte-sprache/")
        assert response.status_code == 200
        content = response.content.decode()
        text = visible_text(response)
        assert "<h1>Informationen in Leichter Sprache</h1>" in content
        assert 'class="easy-read"' in content
        for explained in [
            "MIA-DO heißt: Migrations- und Integrations·agentur Dortmund.",
            "KI heißt: Kommunales Integrations·zentrum.",
            "Integration heißt: Alle Menschen leben gut zusammen.",
            "Ein Masterplan ist ein großer Plan.",
            "Der Integrations·rat ist eine Gruppe von Menschen in Dortmund.",
        ]:
            assert explained in text
        assert_outline_in_order(content)
        assert "<title>Informationen in Leichter Sprache – MIA-DO-KI</title>" in content

    def test_english_easy_read_page_has_its_own_text(self):
        response = self.client.get("/en/easy-read/")
        assert response.status_code == 200
        content = response.content.decode()
        assert "<h1>Information in Easy Read</h1>" in content
        assert "Municipal means: it belongs to the city." in visible_text(response)
        main = content.split("<main", 1)[1]
        assert 'lang="de"' not in main and "only available in German" not in main
        assert_outline_in_order(content)

    def test_the_seeded_text_keeps_the_rules_of_leichte_sprache(self):
        for language in ["de", "en"]:
            body = EASY_READ[f"body_{language}"]
            sentences = re.split(r"(?<=[.?!:])\s+", re.sub(r"^(#|-|\d\.) ", "", body, flags=re.M))
            longest = max(sentences, key=lambda sentence: len(sentence.split()))
            assert len(longest.split()) <= 14, longest
            assert body.count("\n# ") >= 6, "headings structure the text"
        # Long compounds are split with a Mediopunkt where the text first uses them.
        for word in ["Integrations·zentrum", "Stadt·verwaltung", "Integrations·rat"]:
            assert word in EASY_READ["body_de"]
        # It invents nothing: the only numbers are the seed's date and the goal count.
        assert re.findall(r"\d+", EASY_READ["body_de"]) == ["4", "1", "2", "3", "4", "30"]
        assert "@" not in EASY_READ["body_de"] and "Telefon" not in EASY_READ["body_de"]

    def test_sign_language_page_without_videos_says_so_in_plain_words(self):
        for url, expected in [
            ("/de/gebaerdensprache/", "Wir bereiten Videos in Deutscher Gebärdensprache vor."),
            ("/en/sign-language/", "We are preparing videos in German Sign Language."),
        ]:
            response = self.client.get(url)
            assert response.status_code == 200
            content = response.content.decode()
            assert expected in visible_text(response)
            assert "<video" not in content
            # The seed gives no contact details, so none are shown (nor invented).
            assert "mailto:" not in content.split("<main", 1)[1].split("</main>")[0]
            assert_outline_in_order(content)
        text = visible_text(self.client.get("/de/gebaerdensprache/"))
        assert "Deutsche Gebärdensprache (DGS)" in text
        assert "Informationen über uns in Leichter Sprache" in text

    def test_the_contact_details_editors_entered_are_offered_instead(self):
        from pages.models import AgencyProfile

        AgencyProfile.objects.update(email="mia-do@example.de", phone="0231 123")
        cache.clear()
        content = self.client.get("/de/gebaerdensprache/").content.decode()
        main = content.split("<main", 1)[1].split("</main>")[0]
        assert '<a href="mailto:mia-do@example.de">mia-do@example.de</a>' in main
        assert '<a href="tel:0231123">0231 123</a>' in main

    def test_language_switcher_leads_to_the_translated_paths(self):
        content = self.client.get("/de/leichte-sprache/").content.decode()
        assert '<a href="/en/easy-read/" lang="en" hreflang="en">English</a>' in content
        content = self.client.get("/en/sign-language/").content.decode()
        assert '<a href="/de/gebaerdensprache/" lang="de" hreflang="de">Deutsch</a>' in content

    def test_loading_the_seed_again_keeps_what_editors_changed(self):
        page = EasyReadPage.objects.get()
        page.body_de = "Von der Redaktion geändert."
        page.save()
        SignLanguagePage.objects.all().delete()
        load_seed()
        assert EasyReadPage.objects.get().body_de == "Von der Redaktion geändert."
        assert not SignLanguagePage.objects.exists()


class HeaderLinksTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile()
        make_focus_area()
        make_notice(slug="meldung")

    def test_every_page_links_to_easy_read_and_sign_language_with_decorative_icons(self):
        pages = {
            "de": ["/de/", "/de/schwerpunkte/", "/de/ziele/", "/de/aktuelles/"]
            + ["/de/aktuelles/meldung/", "/de/leichte-sprache/", "/de/gebaerdensprache/"]
            + ["/de/gibt-es-nicht/"],
            "en": ["/en/", "/en/focus-areas/", "/en/easy-read/", "/en/sign-language/"],
        }
        links = {
            "de": [
                ("easy-read", "/de/leichte-sprache/", "Leichte Sprache"),
                ("sign-language", "/de/gebaerdensprache/", "Gebärdensprache"),
            ],
            "en": [
                ("easy-read", "/en/easy-read/", "Easy Read"),
                ("sign-language", "/en/sign-language/", "Sign language"),
            ],
        }
        for language, urls in pages.items():
            for url in urls:
                with self.subTest(url):
                    content = self.client.get(url).content.decode()
                    header = content.split("<header", 1)[1].split("</header>", 1)[0]
                    for icon, href, text in links[language]:
                        # The link's whole text: its icon is CSS, never read out.
                        assert f'<a class="accessibility-links__{icon}" href="{href}"' in header, (
                            href,
                            url,
                        )
                        assert re.search(rf'href="{href}"[^>]*>{text}</a>', header), url
        stylesheet = b"".join(self.client.get("/static/css/site.css").streaming_content)
        for icon in ["easy-read", "sign-language"]:
            assert f'url("../img/icon-{icon}.svg")'.encode() in stylesheet
            response = self.client.get(f"/static/img/icon-{icon}.svg")
            assert response.status_code == 200
        current = self.client.get("/de/leichte-sprache/").content.decode()
        assert 'href="/de/leichte-sprache/" aria-current="page">' in current

    def test_without_seed_content_both_pages_still_answer(self):
        for url, heading in [
            ("/de/leichte-sprache/", "<h1>Leichte Sprache</h1>"),
            ("/en/sign-language/", "<h1>German Sign Language</h1>"),
        ]:
            response = self.client.get(url)
            assert response.status_code == 200
            assert heading in response.content.decode()


class PagesContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile()
        cls.page = EasyReadPage.objects.create(
            title_de="Leichte Sprache", body_de="# Wer wir sind\n\nWir helfen."
        )
        SignLanguagePage.objects.create(title_de="Gebärdensprache", intro_de="Videos in DGS.")

    def setUp(self):
        use_temporary_media_root(self)

    def test_english_falls_back_to_german_and_says_so(self):
        content = self.client.get("/en/easy-read/").content.decode()
        assert "This text is only available in German." in content
        assert '<h1 lang="de">Leichte Sprache</h1>' in content
        assert '<div class="rich-text" lang="de"><h2>Wer wir sind</h2>' in content

    def test_videos_play_with_captions_poster_transcript_and_a_download_link(self):
        video = make_video(
            title_en="Who we are",
            poster=image_upload("poster.jpg"),
            captions=captions_upload(),
            transcript_en="We are the integration centre of the City of Dortmund.",
        )
        make_video(title_de="Entwurf", published=False)
        content = self.client.get("/de/gebaerdensprache/").content.decode()
        assert content.count("<video") == 1, "unpublished videos stay hidden"
        assert (
            '<video class="sign-video__player" controls preload="none" '
            f'crossorigin="anonymous" poster="{video.poster.url}">' in content
        )
        assert f'<source src="{video.video.url}" type="video/mp4">' in content
        assert (
            f'<track kind="captions" src="{video.captions.url}" srclang="de" label="Deutsch" '
            "default>" in content
        )
        assert (
            f'<a href="{video.video.url}" download>Video „Wer wir sind“ herunterladen (MP4)</a>'
            in content
        )
        text = visible_text(self.client.get("/de/gebaerdensprache/"))
        assert "Das Video als Text Wir sind das Integrationszentrum der Stadt Dortmund." in text
        assert "Wir bereiten Videos" not in text
        assert_outline_in_order(content)
        english = self.client.get("/en/sign-language/").content.decode()
        assert "We are the integration centre of the City of Dortmund." in english
        assert "Download the video “Who we are” (MP4)" in english

    def test_a_video_without_english_transcript_is_marked_german(self):
        make_video()
        content = self.client.get("/en/sign-language/").content.decode()
        assert '<h2 id="video-' in content and 'lang="de">Wer wir sind</h2>' in content
        assert '<div class="rich-text sign-video__transcript" lang="de"><p>Wir sind das' in content
        assert "This text is only available in German." in content
        assert 'Download the video “<span lang="de">Wer wir sind</span>” (MP4)' in content

    def test_pages_are_cached_without_cookies_and_fresh_after_an_edit(self):
        for url in ["/de/leichte-sprache/", "/de/gebaerdensprache/"]:
            first = self.client.get(url)
            assert not first.cookies
            assert first["Cache-Control"] == "public, no-cache"
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            assert len(queries) == 0, "the second visitor gets the page from the cache"
        self.page.body_de = "Neu geschrieben."
        self.page.save()
        assert "Neu geschrieben." in self.client.get("/de/leichte-sprache/").content.decode()
        make_video(title_de="Neues Video")
        assert "Neues Video" in self.client.get("/de/gebaerdensprache/").content.decode()

    def test_queries_stay_constant_however_many_videos(self):
        counts = []
        for count in [1, 20]:
            while SignLanguageVideo.objects.count() < count:
                make_video(captions=captions_upload(), poster=image_upload("p.jpg"))
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                assert self.client.get("/de/gebaerdensprache/").status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], counts


class RolesHistoryAndTranslationWorkTests(TestCase):
    def test_translators_change_translations_of_the_new_pages_editors_everything(self):
        editors = set(
            Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True)
        )
        translators = set(
            Group.objects.get(name=TRANSLATORS).permissions.values_list("codename", flat=True)
        )
        for name in ["easyreadpage", "signlanguagepage", "signlanguagevideo"]:
            assert {f"add_{name}", f"change_{name}", f"delete_{name}"} <= editors
            assert f"change_{name}" in translators
            assert f"add_{name}" not in translators

    def test_the_translation_overview_and_po_export_know_the_new_texts(self):
        models = translation_status.translated_models()
        assert {EasyReadPage, SignLanguagePage, SignLanguageVideo} <= set(models)
        page = EasyReadPage.objects.create(title_de="Leichte Sprache", body_de="Text.")
        work = [status.obj for status in translation_status.open_work()]
        assert page in work, "the missing English text is open translation work"


class SignLanguageAdminTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        use_temporary_media_root(self)

    def post_video(self, **overrides):
        data = {
            "title_de": "Wer wir sind",
            "title_en": "",
            "video": video_upload(),
            "transcript_de": "Wir sind das Integrationszentrum.",
            "transcript_en": "",
            "published": "on",
        }
        data.update(overrides)
        return self.client.post("/admin/pages/signlanguagevideo/add/", data)

    def assert_refused(self, message, **overrides):
        response = self.post_video(**overrides)
        self.assert_error(response, message)
        assert not SignLanguageVideo.objects.exists()
        assert media_files() == []

    def test_mp4_and_webm_are_accepted_and_named_by_their_content(self):
        for data, name, stored in [
            (mp4_bytes(), "film.mp4", ".mp4"),
            (mp4_bytes(codec=b"avc3", moov_at_end=True), "export.MOV", ".mp4"),
            (webm_bytes(), "gebaerden.mkv", ".webm"),
        ]:
            with self.subTest(name):
                response = self.post_video(video=video_upload(data, name))
                assert response.status_code == 302, response.content.decode()[:3000]
                video = SignLanguageVideo.objects.latest("pk")
                assert Path(video.video.name).suffix == stored
                assert video.mime_type == f"video/{stored[1:]}"
        assert len(media_files()) == 3

    def test_a_renamed_photo_or_web_page_is_refused_in_german_and_nothing_is_stored(self):
        message = "Diese Datei ist kein Video im Format MP4 (H.264) oder WebM"
        jpeg = image_upload("foto.jpg").read()
        for data in [
            jpeg,
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            mp4_bytes(brand=b"qt  "),
            webm_bytes(doctype=b"matroska"),
            mp4_bytes()[:40],
        ]:
            with self.subTest(data[:12]):
                self.assert_refused(message, video=video_upload(data, "video.mp4"))

    def test_an_mp4_in_another_codec_is_refused_with_the_reason(self):
        self.assert_refused(
            "Dieses MP4-Video ist nicht mit H.264 kodiert (sondern mit hvc1)",
            video=video_upload(mp4_bytes(codec=b"hvc1")),
        )

    @override_settings(VIDEO_MAX_UPLOAD_SIZE=100)
    def test_a_video_over_the_size_limit_is_refused(self):
        self.assert_refused("Videos dürfen höchstens 100", video=video_upload())

    def test_a_video_needs_a_transcript(self):
        self.assert_refused(
            "Ein Video braucht ein Transkript: alles, was darin gesagt wird", transcript_de=""
        )

    def test_captions_must_be_webvtt(self):
        for text, message in [
            ("1\n00:00:01,000 --> 00:00:02,000\nHallo\n", "Dies ist keine WebVTT-Untertiteldatei"),
            ("WEBVTT\n\n00:00:01,000 --> 00:00:02.000\nHallo\n", "keine gültige Zeitangabe"),
            ("WEBVTT\n", "Diese Untertiteldatei enthält keine Untertitel."),
        ]:
            with self.subTest(message):
                self.assert_refused(message, captions=captions_upload(text))
        latin1 = SimpleUploadedFile(
            "u.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nGrüße\n".encode("latin-1")
        )
        self.assert_refused("muss reiner Text in UTF-8 sein", captions=latin1)

    def test_valid_captions_and_poster_are_stored_with_the_video(self):
        response = self.post_video(
            captions=captions_upload(name="untertitel.txt"),
            poster=image_upload("poster.png", image_format="PNG"),
        )
        assert response.status_code == 302
        video = SignLanguageVideo.objects.get()
        assert video.captions.name.endswith(".vtt")
        assert video.poster.name.startswith("sign-language/posters/")

    def test_editors_list_sort_and_edit_videos_without_uploading_them_again(self):
        video = make_video()
        changelist = self.client.get("/admin/pages/signlanguagevideo/").content.decode()
        assert "Videos in Gebärdensprache" in changelist and "Wer wir sind" in changelist
        form = self.client.get("/admin/pages/signlanguagevideo/add/").content.decode()
        for label in ["Videodatei", "Vorschaubild", "Untertitel (WebVTT)", "Transkript"]:
            assert label in form
        response = self.client.post(
            f"/admin/pages/signlanguagevideo/{video.pk}/change/",
            {
                "title_de": "Wer wir sind",
                "transcript_de": "Neuer Text.",
                "published": "on",
            },
        )
        assert response.status_code == 302
        video.refresh_from_db()
        assert video.transcript_de == "Neuer Text." and video.video.name.endswith(".mp4")

    def test_easy_read_page_is_a_singleton_with_history(self):
        page = EasyReadPage.objects.create(title_de="Leichte Sprache", body_de="Alt.")
        response = self.client.get("/admin/pages/easyreadpage/")
        assert response["Location"] == f"/admin/pages/easyreadpage/{page.pk}/change/"
        response = self.client.post(
            f"/admin/pages/easyreadpage/{page.pk}/change/",
            {
                "title_de": "Leichte Sprache",
                "title_en": "Easy Read",
                "body_de": "Neu.",
                "body_en": "",
            },
        )
        assert response.status_code == 302
        assert page.history.count() == 2
        history = self.client.get(f"/admin/pages/easyreadpage/{page.pk}/history/").content.decode()
        # A word diff: "Alt" struck out, "Neu" added, the full stop unchanged.
        assert re.search(r"<del[^>]*>.*?Alt.*?</del><ins[^>]*>.*?Neu.*?</ins>\.", history, re.S)
        assert self.client.get("/admin/pages/easyreadpage/add/").status_code == 403


@override_settings(MAX_REQUEST_BODY_SIZE=100_000, ADMIN_MAX_REQUEST_BODY_SIZE=1_000_000)
class UploadSizeTests(AdminTestCase):
    def test_only_the_admin_takes_a_body_as_large_as_a_video(self):
        body = {"file": SimpleUploadedFile("x.bin", b"\0" * 200_000)}
        assert self.client.post("/de/", body).status_code == 413
        response = self.client.post("/admin/pages/signlanguagevideo/add/", body)
        assert response.status_code == 200, "the form answers (with its errors), not a 413"

    def test_only_logged_in_staff_may_send_the_admin_a_body_that_large(self):
        # Without a login, the CSRF check would store the upload before the login page.
        def body(size):
            return {"file": SimpleUploadedFile("x.bin", b"\0" * size)}

        visitor = Client(enforce_csrf_checks=True)
        assert visitor.post("/admin/pages/signlanguagevideo/add/", body(200_000)).status_code == 413
        assert visitor.post("/admin/login/", body(200_000)).status_code == 413
        assert visitor.post("/admin/login/", body(1000)).status_code == 403  # CSRF, as ever


class MediaRangeTests(TestCase):
    def setUp(self):
        use_temporary_media_root(self)
        folder = Path(settings.MEDIA_ROOT) / "sign-language"
        folder.mkdir()
        self.data = bytes(range(256)) * 4  # 1024 bytes
        (folder / "film.mp4").write_bytes(self.data)
        self.url = f"{settings.MEDIA_URL}sign-language/film.mp4"

    def get(self, **headers):
        return self.client.get(self.url, headers=headers)

    def test_safaris_first_request_gets_two_bytes(self):
        response = self.get(range="bytes=0-1")
        assert response.status_code == 206
        assert response.content == self.data[:2]
        assert response["Content-Range"] == "bytes 0-1/1024"
        assert response["Content-Length"] == "2"
        assert response["Content-Type"] == "video/mp4"
        assert response["Accept-Ranges"] == "bytes"

    def test_open_and_suffix_ranges(self):
        response = self.get(range="bytes=1000-")
        assert (response.status_code, response.content) == (206, self.data[1000:])
        assert response["Content-Range"] == "bytes 1000-1023/1024"
        response = self.get(range="bytes=-10")
        assert (response.status_code, response.content) == (206, self.data[-10:])
        response = self.get(range="bytes=1020-5000")
        assert response["Content-Range"] == "bytes 1020-1023/1024"

    def test_an_open_range_is_answered_in_parts(self):
        with mock.patch.object(media, "MAX_RANGE_LENGTH", 100):
            response = self.get(range="bytes=0-")
        assert response.status_code == 206
        assert response["Content-Range"] == "bytes 0-99/1024"
        assert response.content == self.data[:100]

    def test_a_range_beyond_the_end_is_416(self):
        for header in ["bytes=1024-", "bytes=5000-6000", "bytes=-0"]:
            response = self.get(range=header)
            assert response.status_code == 416, header
            assert response["Content-Range"] == "bytes */1024"

    def test_what_the_server_may_ignore_gets_the_whole_file(self):
        for header in ["bytes=0-1,5-6", "bytes=9-2", "items=0-1", "bytes=abc"]:
            response = self.get(range=header)
            assert response.status_code == 200, header
            assert b"".join(response.streaming_content) == self.data
            assert response["Accept-Ranges"] == "bytes"

    def test_if_range_sends_the_part_only_while_the_file_is_unchanged(self):
        last_modified = self.get()["Last-Modified"]
        assert self.get(range="bytes=0-1", if_range=last_modified).status_code == 206
        older = http_date(0)
        response = self.get(range="bytes=0-1", if_range=older)
        assert response.status_code == 200


class MediaPolicyTests(TestCase):
    def test_public_pages_allow_videos_from_our_own_host(self):
        policy = self.client.get("/de/gebaerdensprache/")["Content-Security-Policy"]
        assert "media-src 'self';" in policy or policy.endswith("media-src 'self'")
        assert "fullscreen=(self)" in self.client.get("/de/")["Permissions-Policy"]

    def test_videos_from_an_object_store_are_allowed_too(self):
        result = manage(
            "shell",
            "-v0",
            "-c",
            "from django.conf import settings; "
            "print(*settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['media-src'])",
            env={
                "DJANGO_MEDIA_STORAGE": "s3",
                "AWS_STORAGE_BUCKET_NAME": "videos",
                "AWS_S3_CUSTOM_DOMAIN": "medien.example.de",
            },
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split()[-2:] == ["'self'", "https://medien.example.de"]


# One second of FFmpeg's test picture, 64 × 36 pixels: `ffmpeg -f lavfi -i
# testsrc=size=64x36:rate=10:duration=1` with `-c:v libvpx-vp9` (WebM) and with
# `-c:v libx264 -profile:v baseline -pix_fmt yuv420p -movflags +faststart` (MP4).
REAL_VIDEOS = Path(__file__).resolve().parent / "videos"


class RealVideoTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        use_temporary_media_root(self)

    def test_videos_as_ffmpeg_writes_them_are_accepted(self):
        for name in ["testbild.webm", "testbild.mp4"]:
            data = (REAL_VIDEOS / name).read_bytes()
            response = self.client.post(
                "/admin/pages/signlanguagevideo/add/",
                {
                    "title_de": name,
                    "video": video_upload(data, name),
                    "transcript_de": "Ein Testbild.",
                    "published": "on",
                },
            )
            assert response.status_code == 302, name
        assert SignLanguageVideo.objects.count() == 2


@pytest.mark.browser
class SignLanguageVideoBrowserTests:
    # (The live server serves /media/ itself, so the range answers are tested above.)
    def test_chromium_plays_the_video_with_captions_under_the_sites_policy(
        self, page, browser_log, settings, tmp_path
    ):
        settings.MEDIA_ROOT = str(tmp_path)
        make_profile()
        make_video(
            video=video_upload((REAL_VIDEOS / "testbild.webm").read_bytes(), "testbild.webm"),
            captions=captions_upload(),
        )
        page.goto("/de/gebaerdensprache/")
        # Pressing play, as a visitor would; the page itself runs no script.
        page.click("video")
        page.evaluate("document.querySelector('video').play()")
        page.wait_for_function("document.querySelector('video').readyState >= 2")
        state = page.evaluate(
            """() => {
                const video = document.querySelector('video');
                const track = video.textTracks[0];
                track.mode = 'showing';
                return {error: video.error, duration: video.duration, kind: track.kind};
            }"""
        )
        assert state["error"] is None
        assert 0.9 < state["duration"] < 1.2
        assert state["kind"] == "captions"
        page.wait_for_function("document.querySelector('video').textTracks[0].cues.length == 1")
        assert browser_log.csp_violations == []
        assert browser_log.errors == []


@pytest.mark.browser
class NarrowScreenBrowserTests:
    def test_both_pages_fit_a_small_phone(self, page):
        load_seed()
        page.set_viewport_size({"width": 320, "height": 640})
        for url in ["/de/leichte-sprache/", "/de/gebaerdensprache/", "/en/easy-read/"]:
            page.goto(url)
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert widths[0] <= widths[1], f"{url} scrolls sideways at 320 px: {widths}"
            icons = page.evaluate(
                """[...document.querySelectorAll('.accessibility-links a')].map(
                    (link) => getComputedStyle(link, '::before').maskImage)"""
            )
            assert "icon-easy-read.svg" in icons[0] and "icon-sign-language.svg" in icons[1]
            assert page.get_by_role(
                "link", name=re.compile("Leichte Sprache|Easy Read")
            ).first.is_visible()


class VideoFilesTests(TestCase):
    def setUp(self):
        use_temporary_media_root(self)

    def test_replacing_or_deleting_a_video_removes_its_files(self):
        with self.captureOnCommitCallbacks(execute=True):
            video = make_video(captions=captions_upload())
        first = video.video.name
        with self.captureOnCommitCallbacks(execute=True):
            video.video = video_upload(webm_bytes(), "neu.webm")
            video.save()
        assert first not in media_files() and video.video.name in media_files()
        assert len(media_files()) == 2
        with self.captureOnCommitCallbacks(execute=True):
            video.delete()
        assert media_files() == []

    def test_a_file_saved_from_code_is_named_by_its_content_too(self):
        video = SignLanguageVideo(title_de="Import", transcript_de="Text.")
        video.video.save("import.mov", ContentFile(mp4_bytes()), save=False)
        assert re.fullmatch(r"sign-language/[0-9a-f]{32}\.mp4", video.video.name)


FUZZ = hypothesis.settings(max_examples=200, deadline=None, derandomize=True, database=None)


class HostileUploadTests(hypothesis_django.TestCase):
    """Whatever bytes an upload holds, the answer is a clear refusal, never a crash."""

    @FUZZ
    @given(
        prefix=st.sampled_from([b"", mp4_bytes()[:8], mp4_bytes()[:60], webm_bytes()[:6]]),
        body=st.binary(max_size=300),
    )
    def test_random_files_are_accepted_or_refused_with_a_validation_error(self, prefix, body):
        for validator in [validate_video_upload, validate_captions_upload]:
            try:
                validator(SimpleUploadedFile("x", prefix + body))
            except ValidationError:
                pass

    @FUZZ
    @given(mutation=st.tuples(st.integers(0, len(mp4_bytes()) - 1), st.integers(0, 255)))
    def test_a_damaged_mp4_is_refused_or_accepted_but_never_crashes(self, mutation):
        position, value = mutation
        data = bytearray(mp4_bytes())
        data[position] = value
        try:
            validate_video_upload(SimpleUploadedFile("x.mp4", bytes(data)))
        except ValidationError:
            pass


class ImpossibleBoxTests(TestCase):
    def test_a_box_claiming_exabytes_is_refused_not_a_crash(self):
        # size 1: a 64-bit size follows, here the largest there is.
        data = b"\x00\x00\x00\x01ftyp" + b"\xff" * 8 + b"isom" + b"\x00" * 12
        with pytest.raises(ValidationError) as refused:
            validate_video_upload(SimpleUploadedFile("x.mp4", data))
        assert refused.value.code == "invalid_video"


class HostileRangeTests(hypothesis_django.TestCase):
    def setUp(self):
        use_temporary_media_root(self)
        (Path(settings.MEDIA_ROOT) / "film.mp4").write_bytes(b"x" * 100)

    @hypothesis.settings(FUZZ, max_examples=100)
    @given(header=st.text(alphabet="bytes=-,0123456789 \t", max_size=30))
    def test_any_range_header_gets_the_file_a_part_or_416(self, header):
        response = self.client.get(f"{settings.MEDIA_URL}film.mp4", headers={"range": header})
        assert response.status_code in {200, 206, 416}
        if response.status_code == 206:
            first, last = map(int, response["Content-Range"][6:].split("/")[0].split("-"))
            assert response.content == b"x" * (last - first + 1)
