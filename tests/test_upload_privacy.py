"""
No public address serves where or with what a photo or video was made: every file the
pages name, and the addresses a visitor could guess from an upload's name, are fetched
and searched for EXIF, XMP, IPTC, comments and MP4 location atoms.
"""

import io
import re
from urllib.parse import urlsplit

import hypothesis
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from goals.models import Goal
from pages.models import AgencyProfile, SignLanguageVideo
from photos.metadata import CONTAINER_FILTERS, UnknownFormat
from photos.models import Photo
from photos.validators import mp4_video_codecs, validate_video_upload

from .content import media_files, use_temporary_media_root
from .public_pages import make_public_site, public_pages
from .test_admin import AdminTestCase
from .uploads_with_location import (
    CAMERA,
    ISO6709,
    camera_exif,
    image_with_exif,
    media_addresses,
    metadata_left_in,
    phone_jpeg,
    phone_mp4,
    phone_webm,
    photo_upload,
    video_upload,
)

CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHallo\n"
GUESSABLE = [
    "photos/IMG_1234.jpg",
    "photos/IMG_5678.jpg",
    "sign-language/VID_20260321_101500.mp4",
    "sign-language/VID_20260321_101500.webm",
    "sign-language/posters/IMG_5678.jpg",
    "sign-language/untertitel.vtt",
]


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def stored_name_pattern(folder, extension):
    return rf"{folder}/[0-9a-f]{{32}}\.{extension}"


class PublicFilesTests(TestCase):
    """A site with phone photos and a phone video everywhere a page shows one."""

    @classmethod
    def setUpTestData(cls):
        make_public_site()
        hero = Photo.objects.create(
            image=photo_upload(), alt_text_de="Das Stadthaus", credit_name="Erika Muster"
        )
        AgencyProfile.objects.update(hero_photo=hero)
        goal_photo = Photo.objects.create(
            image=photo_upload(phone_jpeg(orientation=6), "IMG_5678.jpg"),
            alt_text_de="Ein Platz",
            credit_name="Erika Muster",
        )
        Goal.objects.update(photo=goal_photo)
        SignLanguageVideo.objects.create(
            title_de="Wer wir sind",
            transcript_de="Wir stellen uns vor.",
            video=video_upload(),
            poster=photo_upload(phone_jpeg(size=(160, 90)), "IMG_5678.jpg"),
            captions=ContentFile(CAPTIONS, name="untertitel.vtt"),
        )
        SignLanguageVideo.objects.create(
            title_de="Wie wir helfen",
            transcript_de="Wir beraten.",
            video=video_upload(phone_mp4("apple"), "IMG_0042.MP4"),
        )

    def test_no_file_a_public_page_names_carries_a_place_or_a_camera(self):
        files = set()
        for page in public_pages(self.client):
            html = body(self.client.get(page)).decode()
            assert metadata_left_in(html.encode()) == [], page
            for address in media_addresses(html):
                path = urlsplit(address).path
                if path.startswith(settings.MEDIA_URL):
                    files.add(path)
        # The hero and goal photos' renditions, the poster, both videos and the captions.
        assert any(path.startswith("/media/renditions/") for path in files), files
        assert any(path.endswith(".mp4") for path in files), files
        assert any(path.startswith("/media/sign-language/posters/") for path in files), files
        assert any(path.endswith(".vtt") for path in files), files
        # Originals too, though no page names them: their addresses are public.
        files |= {settings.MEDIA_URL + photo.image.name for photo in Photo.objects.all()}
        for path in sorted(files):
            response = self.client.get(path)
            assert response.status_code == 200, path
            assert metadata_left_in(body(response)) == [], path

    def test_addresses_made_from_the_uploaded_names_lead_nowhere(self):
        for name in GUESSABLE:
            assert self.client.get(settings.MEDIA_URL + name).status_code == 404, name
        names = [photo.image.name for photo in Photo.objects.all()]
        for video in SignLanguageVideo.objects.all():
            names += [video.video.name, video.poster.name, video.captions.name]
        for name in filter(None, names):
            assert re.fullmatch(r"[\w/-]+/[0-9a-f]{32}\.(jpg|mp4|vtt)", name), name

    def test_a_photo_that_exif_turns_is_stored_upright_at_full_quality(self):
        photo = Goal.objects.first().photo
        assert (photo.width, photo.height) == (48, 64)
        with photo.image.open("rb") as stored:
            image = Image.open(io.BytesIO(stored.read()))
            assert image.size == (48, 64)
            # Encoded with the upload's own tables: no second, coarser compression.
            assert image.quantization == Image.open(io.BytesIO(phone_jpeg())).quantization


class PhotoUploadPrivacyTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        use_temporary_media_root(self)

    def post_photo(self, upload):
        response = self.client.post(
            "/admin/photos/photo/add/",
            {"image": upload, "alt_text_de": "Ein Haus", "credit_name": "Erika Muster"},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        return Photo.objects.latest("pk")

    def test_an_upright_jpeg_keeps_every_pixel_and_its_colour_profile(self):
        original = phone_jpeg()
        with_profile = Image.open(io.BytesIO(original))
        buffer = io.BytesIO()
        icc = b"\0" * 128  # a profile's bytes travel as they are, whatever they say
        with_profile.save(buffer, format="JPEG", exif=with_profile.getexif(), icc_profile=icc)
        photo = self.post_photo(photo_upload(buffer.getvalue()))
        assert re.fullmatch(stored_name_pattern("photos", "jpg"), photo.image.name)
        with photo.image.open("rb") as stored:
            data = stored.read()
        assert metadata_left_in(data) == []
        stored_image = Image.open(io.BytesIO(data))
        assert stored_image.info["icc_profile"] == icc
        assert stored_image.tobytes() == Image.open(io.BytesIO(buffer.getvalue())).tobytes()

    def test_png_and_webp_lose_their_exif_and_keep_their_pixels(self):
        for image_format, extension in [("PNG", "png"), ("WEBP", "webp")]:
            with self.subTest(image_format):
                data = image_with_exif(image_format)
                assert CAMERA in data
                photo = self.post_photo(photo_upload(data, f"IMG_1.{extension}"))
                assert re.fullmatch(stored_name_pattern("photos", extension), photo.image.name)
                with photo.image.open("rb") as stored:
                    clean = stored.read()
                assert metadata_left_in(clean) == []
                assert Image.open(io.BytesIO(clean)).tobytes() == (
                    Image.open(io.BytesIO(data)).tobytes()
                )
        assert not [name for name in media_files() if "IMG_1" in name]

    def test_a_phones_mpo_keeps_only_its_first_picture(self):
        first, preview = Image.new("RGB", (64, 48), "navy"), Image.new("RGB", (32, 24), "red")
        buffer = io.BytesIO()
        first.save(buffer, format="MPO", save_all=True, append_images=[preview], exif=camera_exif())
        assert Image.open(io.BytesIO(buffer.getvalue())).n_frames == 2
        photo = self.post_photo(photo_upload(buffer.getvalue(), "DSC_0001.JPG"))
        with photo.image.open("rb") as stored:
            data = stored.read()
        assert metadata_left_in(data) == []
        image = Image.open(io.BytesIO(data))
        assert (image.format, getattr(image, "n_frames", 1), image.size) == ("JPEG", 1, (64, 48))

    def test_avif_loses_its_exif(self):
        photo = self.post_photo(photo_upload(image_with_exif("AVIF"), "IMG_2.avif"))
        assert re.fullmatch(stored_name_pattern("photos", "avif"), photo.image.name)
        with photo.image.open("rb") as stored:
            assert metadata_left_in(stored.read()) == []


class VideoPrivacyTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        use_temporary_media_root(self)

    def test_a_phone_video_loses_its_location_and_keeps_every_frame(self):
        for style in ["android", "apple"]:
            with self.subTest(style):
                uploaded = phone_mp4(style)
                assert ISO6709 in uploaded
                response = self.client.post(
                    "/admin/pages/signlanguagevideo/add/",
                    {
                        "title_de": "Wer wir sind",
                        "transcript_de": "Wir stellen uns vor.",
                        "video": video_upload(uploaded),
                        "order": 0,
                        "published": "on",
                    },
                )
                assert response.status_code == 302, response.content.decode()[:3000]
                video = SignLanguageVideo.objects.latest("pk")
                assert re.fullmatch(stored_name_pattern("sign-language", "mp4"), video.video.name)
                with video.video.open("rb") as stored:
                    data = stored.read()
                    assert mp4_video_codecs(stored) == [b"avc1"]
                    validate_video_upload(ContentFile(data))
                assert metadata_left_in(data) == []
                # Renamed and zeroed in place: same length, and the frames are the same bytes.
                assert len(data) == len(uploaded)
                mdat = uploaded.index(b"mdat")
                assert data[mdat:] == uploaded[mdat:]

    def test_a_webm_video_loses_its_tags_and_keeps_every_frame(self):
        uploaded = phone_webm()
        assert ISO6709 in uploaded
        response = self.client.post(
            "/admin/pages/signlanguagevideo/add/",
            {
                "title_de": "Wer wir sind",
                "transcript_de": "Wir stellen uns vor.",
                "video": video_upload(uploaded, "aufnahme.webm"),
                "order": 0,
                "published": "on",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        video = SignLanguageVideo.objects.get()
        assert re.fullmatch(stored_name_pattern("sign-language", "webm"), video.video.name)
        with video.video.open("rb") as stored:
            data = stored.read()
        validate_video_upload(ContentFile(data))
        assert metadata_left_in(data) == [] and b"LOCATION" not in data
        assert len(data) == len(uploaded)
        cluster = uploaded.index(b"\x1f\x43\xb6\x75")
        assert data[cluster:] == uploaded[cluster:]


class StripUploadMetadataCommandTests(TestCase):
    """Uploads stored before the site removed metadata, as an older version left them."""

    def setUp(self):
        use_temporary_media_root(self)
        default_storage.save("photos/IMG_1234.jpg", ContentFile(phone_jpeg()))
        self.photo = Photo.objects.create(
            image="photos/IMG_1234.jpg", alt_text_de="Ein Haus", credit_name="Erika Muster"
        )
        default_storage.save("sign-language/VID_1.mp4", ContentFile(phone_mp4()))
        default_storage.save("sign-language/posters/IMG_2.jpg", ContentFile(phone_jpeg()))
        self.video = SignLanguageVideo.objects.create(
            title_de="Wer wir sind",
            transcript_de="Wir stellen uns vor.",
            video="sign-language/VID_1.mp4",
            poster="sign-language/posters/IMG_2.jpg",
        )
        default_storage.save("sign-language/aufnahme.webm", ContentFile(phone_webm()))
        self.webm = SignLanguageVideo.objects.create(
            title_de="Wie wir helfen",
            transcript_de="Wir beraten.",
            video="sign-language/aufnahme.webm",
        )

    def run_command(self):
        out = io.StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("strip_upload_metadata", stdout=out)
        return out.getvalue()

    def test_old_uploads_are_stored_again_clean_and_renamed_and_the_old_files_go(self):
        assert self.client.get("/media/photos/IMG_1234.jpg").status_code == 200
        assert "Stored 4 uploads again without metadata." in self.run_command()
        self.photo.refresh_from_db()
        self.video.refresh_from_db()
        self.webm.refresh_from_db()
        assert re.fullmatch(stored_name_pattern("photos", "jpg"), self.photo.image.name)
        assert re.fullmatch(stored_name_pattern("sign-language", "mp4"), self.video.video.name)
        assert re.fullmatch(
            stored_name_pattern("sign-language/posters", "jpg"), self.video.poster.name
        )
        for old in [
            "photos/IMG_1234.jpg",
            "sign-language/VID_1.mp4",
            "sign-language/posters/IMG_2.jpg",
        ]:
            assert self.client.get(f"/media/{old}").status_code == 404, old
        assert self.client.get("/media/sign-language/aufnahme.webm").status_code == 404
        for field_file in [self.photo.image, self.video.video, self.video.poster, self.webm.video]:
            response = self.client.get(field_file.url)
            assert response.status_code == 200
            assert metadata_left_in(body(response)) == [], field_file.name
        # The renditions follow the new file.
        assert all(default_storage.exists(item["name"]) for item in self.photo.renditions["items"])
        files = media_files()
        assert "Stored 0 uploads again without metadata." in self.run_command()
        assert media_files() == files

    def test_an_old_photo_that_exif_turned_is_stored_upright_with_its_new_size(self):
        default_storage.save("photos/IMG_9999.jpg", ContentFile(phone_jpeg(orientation=6)))
        photo = Photo.objects.create(
            image="photos/IMG_9999.jpg", alt_text_de="Ein Platz", credit_name="Erika Muster"
        )
        assert (photo.width, photo.height) == (64, 48)  # as stored, before turning
        self.run_command()
        photo.refresh_from_db()
        assert (photo.width, photo.height) == (48, 64)
        assert photo.renditions["items"][-1]["width"] == 48

    def test_a_missing_file_is_reported_and_the_others_are_fixed(self):
        default_storage.delete("photos/IMG_1234.jpg")
        err = io.StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("strip_upload_metadata", stdout=io.StringIO(), stderr=err)
        assert "photos.Photo" in err.getvalue() and "IMG_1234.jpg" in err.getvalue()
        self.video.refresh_from_db()
        assert re.fullmatch(stored_name_pattern("sign-language", "mp4"), self.video.video.name)


class DamagedContainerTests(SimpleTestCase):
    """Code may store a file no validator saw: a damaged one is refused, never a crash."""

    @hypothesis.settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @given(
        image_format=st.sampled_from(sorted(CONTAINER_FILTERS)),
        cut=st.integers(min_value=0, max_value=800),
        noise=st.binary(max_size=40),
    )
    @hypothesis.example(image_format="JPEG", cut=2, noise=b"\xff")  # a marker cut off
    @hypothesis.example(image_format="JPEG", cut=2, noise=b"\xff\xff\xff")  # fill bytes only
    def test_cut_or_garbled_photos_raise_unknown_format_or_come_out_clean(
        self, image_format, cut, noise
    ):
        data = image_with_exif("JPEG" if image_format == "MPO" else image_format)
        try:
            clean = CONTAINER_FILTERS[image_format](data[:cut] + noise)
        except UnknownFormat:
            return
        assert CAMERA not in clean


@pytest.mark.browser
class CleanedVideoBrowserTests:
    def test_chromium_plays_every_video_after_its_metadata_went(
        self, page, browser_log, settings, tmp_path
    ):
        settings.MEDIA_ROOT = str(tmp_path)
        for data, name in [
            (phone_mp4("android"), "VID_1.mp4"),
            (phone_mp4("apple"), "IMG_0042.MP4"),
            (phone_webm(), "aufnahme.webm"),
        ]:
            SignLanguageVideo.objects.create(
                title_de=name, transcript_de="Text.", video=video_upload(data, name)
            )
        page.goto("/de/gebaerdensprache/")
        states = page.evaluate(
            """() => Promise.all([...document.querySelectorAll('video')].map(video =>
                new Promise(resolve => {
                    video.addEventListener('loadeddata', () =>
                        resolve({error: null, duration: video.duration}));
                    video.addEventListener('error', () =>
                        resolve({error: String(video.error && video.error.code)}), true);
                    video.preload = 'auto';
                    video.load();
                })))"""
        )
        assert len(states) == 3
        for state in states:
            assert state["error"] is None, states
            assert 0.9 < state["duration"] < 1.2, states
        assert browser_log.errors == []
