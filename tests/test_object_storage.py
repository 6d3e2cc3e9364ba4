"""
Uploads in an S3-compatible object store (DJANGO_MEDIA_STORAGE=s3), against a real
S3 API: moto's server, started here on a loopback port.
"""

import io
import json
import os
import re
import runpy
import tempfile
from pathlib import Path
from unittest import mock

import boto3
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase, override_settings
from moto.server import ThreadedMotoServer

from pages.models import AgencyProfile, SignLanguageVideo
from photos.models import Photo

from .content import image_upload, make_profile
from .live_server import clean_env, free_port
from .uploads_with_location import (
    media_addresses,
    metadata_left_in,
    phone_jpeg,
    phone_mp4,
    photo_upload,
    video_upload,
)

SETTINGS = Path(__file__).resolve().parent.parent / "miado_site" / "settings.py"
BUCKET = "miado-media"
PUBLIC_READ_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}


def settings_under(**env: str) -> dict:
    """The project's settings module, evaluated under exactly `env` (and a key)."""
    with tempfile.TemporaryDirectory() as data_dir:
        env = clean_env(DJANGO_DATA_DIR=data_dir, DJANGO_SECRET_KEY="x" * 50, **env)
        with mock.patch.dict(os.environ, env, clear=True):
            return runpy.run_path(str(SETTINGS))


def s3_env(endpoint: str) -> dict[str, str]:
    return {
        "DJANGO_MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "eu-central-1",
    }


class MediaStorageSettingsTests(SimpleTestCase):
    def test_uploads_stay_on_local_disk_and_are_served_by_default(self):
        found = settings_under()
        assert found["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
        assert found["SERVE_MEDIA"] is True

    def test_object_storage_switches_serving_uploads_off_unless_asked(self):
        found = settings_under(**s3_env("http://127.0.0.1:9"))
        assert found["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
        assert found["SERVE_MEDIA"] is False
        found = settings_under(**s3_env("http://127.0.0.1:9"), DJANGO_SERVE_MEDIA="1")
        assert found["SERVE_MEDIA"] is True

    def test_object_storage_without_a_bucket_refuses_to_start(self):
        with self.assertRaisesRegex(ImproperlyConfigured, "AWS_STORAGE_BUCKET_NAME"):
            settings_under(DJANGO_MEDIA_STORAGE="s3")

    def test_an_unknown_storage_refuses_to_start(self):
        with self.assertRaisesRegex(ImproperlyConfigured, "DJANGO_MEDIA_STORAGE"):
            settings_under(DJANGO_MEDIA_STORAGE="ftp")


class ObjectStorageTests(TestCase):
    @classmethod
    def setUpClass(cls):
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
        server.start()
        cls.addClassCleanup(server.stop)
        host, port = server.get_host_and_port()
        cls.endpoint = f"http://{host}:{port}"
        # boto3 reads credentials from the environment, as in production.
        cls.enterClassContext(mock.patch.dict(os.environ, CREDENTIALS))
        cls.s3 = boto3.client("s3", endpoint_url=cls.endpoint, region_name="eu-central-1")
        cls.s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        # Photos are public: the operator lets anyone read the bucket's objects.
        cls.s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ_POLICY))
        s3_storage = settings_under(**s3_env(cls.endpoint))["STORAGES"]["default"]
        cls.enterClassContext(
            override_settings(STORAGES={**settings.STORAGES, "default": s3_storage})
        )
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser(
            "redaktion", "redaktion@example.org", "ein-langes-passwort"
        )
        make_profile()

    def setUp(self):
        self.client.force_login(self.editor)

    def objects_in_bucket(self) -> set[str]:
        listing = self.s3.list_objects_v2(Bucket=BUCKET)
        return {item["Key"] for item in listing.get("Contents", [])}

    def media_urls(self, page: str) -> list[str]:
        """Every image address in <img src> and <source srcset> that leads to the store."""
        urls = re.findall(r'<img [^>]*src="([^"]+)"', page)
        for srcset in re.findall(r'srcset="([^"]+)"', page):
            urls += [candidate.split()[0] for candidate in srcset.split(",")]
        return [url for url in urls if url.startswith(f"{self.endpoint}/{BUCKET}/")]

    def test_a_photo_goes_to_the_bucket_shows_on_the_site_and_leaves_with_its_deletion(self):
        before = self.objects_in_bucket()
        upload = image_upload("rathaus.jpg", size=(320, 200))
        uploaded_bytes = upload.read()
        upload.seek(0)
        response = self.client.post(
            "/admin/photos/photo/add/",
            {
                "image": upload,
                "alt_text_de": "Das alte Stadthaus am Friedensplatz",
                "caption_de": "Altes Stadthaus",
                "credit_name": "Erika Muster",
            },
        )
        assert response.status_code == 302
        photo = Photo.objects.get()
        assert (photo.width, photo.height) == (320, 200)
        AgencyProfile.objects.update(hero_photo=photo)

        # The home page shows it straight from the object store, to anyone.
        page = self.client.get("/de/").content.decode()
        urls = self.media_urls(page)
        assert urls, "no image on the page comes from the object store"
        for url in urls:
            answer = requests.get(url, timeout=10)
            assert answer.status_code == 200, url
            assert answer.headers["Content-Type"].startswith("image/"), url
        original = requests.get(photo.image.url, timeout=10)
        assert original.content == uploaded_bytes

        photos_objects = self.objects_in_bucket() - before
        assert photo.image.name in photos_objects
        assert not list(Path(tempfile.gettempdir()).glob(f"miado-test-media-*/{photo.image.name}"))

        AgencyProfile.objects.update(hero_photo=None)  # a photo in use is not deleted
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/admin/photos/photo/{photo.pk}/delete/", {"post": "yes"})
        assert response.status_code == 302
        assert not Photo.objects.exists()
        assert not (self.objects_in_bucket() & photos_objects)
        assert requests.get(photo.image.url, timeout=10).status_code == 404

    def test_no_object_the_pages_name_carries_a_place_or_a_camera(self):
        response = self.client.post(
            "/admin/photos/photo/add/",
            {
                "image": photo_upload(),
                "alt_text_de": "Das Stadthaus",
                "credit_name": "Erika Muster",
            },
        )
        assert response.status_code == 302
        photo = Photo.objects.get()
        AgencyProfile.objects.update(hero_photo=photo)
        response = self.client.post(
            "/admin/pages/signlanguagevideo/add/",
            {
                "title_de": "Wer wir sind",
                "transcript_de": "Wir stellen uns vor.",
                "video": video_upload(),
                "poster": photo_upload(name="IMG_5678.jpg"),
                "order": 0,
                "published": "on",
            },
        )
        assert response.status_code == 302
        self.client.logout()  # as a visitor sees the pages

        store = f"{self.endpoint}/{BUCKET}/"
        urls = {photo.image.url}
        for page in ["/de/", "/en/", "/de/gebaerdensprache/", "/de/bildnachweis/"]:
            html = self.client.get(page).content.decode()
            urls |= {url for url in media_addresses(html) if url.startswith(store)}
        assert any(".mp4" in url for url in urls) and any("/renditions/" in url for url in urls)
        assert any("/sign-language/posters/" in url for url in urls), urls
        for url in sorted(urls):
            answer = requests.get(url, timeout=10)
            assert answer.status_code == 200, url
            assert metadata_left_in(answer.content) == [], url
        for guessable in [
            "photos/IMG_1234.jpg",
            "sign-language/VID_20260321_101500.mp4",
            "sign-language/posters/IMG_5678.jpg",
        ]:
            assert requests.get(store + guessable, timeout=10).status_code == 404, guessable
            assert not any(
                key.endswith(guessable.rsplit("/", 1)[1]) for key in self.objects_in_bucket()
            )

    def test_uploads_from_before_are_cleaned_and_renamed_in_the_bucket(self):
        self.s3.put_object(Bucket=BUCKET, Key="photos/IMG_1234.jpg", Body=phone_jpeg())
        self.s3.put_object(Bucket=BUCKET, Key="sign-language/VID_1.mp4", Body=phone_mp4())
        photo = Photo.objects.create(
            image="photos/IMG_1234.jpg", alt_text_de="Ein Haus", credit_name="Erika Muster"
        )
        video = SignLanguageVideo.objects.create(
            title_de="Wer wir sind", transcript_de="Text.", video="sign-language/VID_1.mp4"
        )
        with self.captureOnCommitCallbacks(execute=True):
            call_command("strip_upload_metadata", stdout=io.StringIO())
        photo.refresh_from_db()
        video.refresh_from_db()
        keys = self.objects_in_bucket()
        assert "photos/IMG_1234.jpg" not in keys and "sign-language/VID_1.mp4" not in keys
        for field_file in [photo.image, video.video]:
            assert field_file.name in keys
            answer = requests.get(field_file.url, timeout=10)
            assert answer.status_code == 200
            assert metadata_left_in(answer.content) == [], field_file.name
