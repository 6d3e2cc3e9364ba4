import io
import re
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from PIL import Image, features

from photos import renditions
from photos.models import Photo

from .content import make_goal, make_photo, make_profile, media_files, use_temporary_media_root
from .test_admin import AdminTestCase

GPS_IFD = 0x8825


def jpeg_with_gps(name="handy.jpg", size=(900, 600)):
    """A phone photo: EXIF with a GPS position (Dortmund's Friedensplatz)."""
    exif = Image.Exif()
    exif[0x010F] = "Telefonhersteller"  # Make
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 42.0), 3: "E", 4: (7.0, 27.0, 57.0)}
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png_with_alpha(name="logo.png", size=(300, 200)):
    buffer = io.BytesIO()
    Image.new("RGBA", size, (10, 20, 30, 128)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class TemporaryMediaMixin:
    def setUp(self):
        super().setUp()
        use_temporary_media_root(self)


class RenditionTests(TemporaryMediaMixin, AdminTestCase):
    def post_photo(self, image, url="/admin/photos/photo/add/"):
        data = {
            "image": image,
            "alt_text_de": "Der Friedensplatz",
            "caption_de": "Friedensplatz",
            "credit_name": "Erika Muster",
        }
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, data)
        assert response.status_code == 302, response.content.decode()
        return Photo.objects.get()

    def test_upload_makes_every_size_and_format_without_exif(self):
        upload = jpeg_with_gps()
        assert Image.open(upload).getexif().get_ifd(GPS_IFD), "the test photo must carry GPS"
        upload.seek(0)
        photo = self.post_photo(upload)
        formats = ["image/webp", "image/jpeg"]
        if features.check("avif"):
            formats.insert(0, "image/avif")
        expected = {(width, mime) for width in [480, 800, 900] for mime in formats}
        items = photo.renditions["items"]
        assert {(item["width"], item["type"]) for item in items} == expected
        for item in items:
            name = item["name"]
            assert re.fullmatch(r"renditions/[0-9a-f]{20}-\d+\.(avif|webp|jpg)", name)
            with Image.open(f"{self.settings_media_root()}/{name}") as image:
                assert image.size == (item["width"], item["height"])
                assert not image.getexif(), f"{name} still carries EXIF"
                assert "exif" not in image.info
        assert (items[0]["width"], items[0]["height"]) == (480, 320)

    def settings_media_root(self):
        from django.conf import settings

        return settings.MEDIA_ROOT

    def test_a_small_image_is_never_enlarged_and_transparency_keeps_png(self):
        photo = self.post_photo(png_with_alpha(size=(300, 200)))
        widths = {item["width"] for item in photo.renditions["items"]}
        assert widths == {300}
        assert "image/png" in {item["type"] for item in photo.renditions["items"]}
        assert "image/jpeg" not in {item["type"] for item in photo.renditions["items"]}

    def test_renditions_are_made_once_not_on_every_save_or_page_view(self):
        photo = self.post_photo(jpeg_with_gps(size=(500, 300)))
        make_profile(hero_photo=photo)
        with mock.patch.object(renditions, "make_renditions") as make:
            photo.caption_de = "Neue Unterschrift"
            photo.save()
            assert self.client.get("/de/").status_code == 200
            self.client.logout()
            assert self.client.get("/de/").status_code == 200
        make.assert_not_called()

    def test_replacing_the_image_removes_the_old_files(self):
        photo = self.post_photo(jpeg_with_gps("alt.jpg", size=(500, 300)))
        old_files = set(media_files())
        assert len(old_files) == 1 + len(photo.renditions["items"])
        data = {
            "image": jpeg_with_gps("neu.jpg", size=(600, 400)),
            "alt_text_de": "Der Friedensplatz",
            "credit_name": "Erika Muster",
        }
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/admin/photos/photo/{photo.pk}/change/", data)
        assert response.status_code == 302
        photo.refresh_from_db()
        new_files = set(media_files())
        assert not old_files & new_files
        assert new_files == {photo.image.name} | {i["name"] for i in photo.renditions["items"]}

    def test_deleting_the_photo_removes_its_files(self):
        photo = self.post_photo(jpeg_with_gps(size=(500, 300)))
        assert media_files()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/admin/photos/photo/{photo.pk}/delete/", {"post": "yes"})
        assert response.status_code == 302
        assert media_files() == []

    def test_files_shared_with_another_photo_stay(self):
        first = self.post_photo(jpeg_with_gps(size=(500, 300)))
        second = Photo.objects.create(
            image=first.image.name, alt_text_de="Kopie", credit_name="Erika Muster"
        )
        assert second.renditions["hash"] == first.renditions["hash"]
        with self.captureOnCommitCallbacks(execute=True):
            first.delete()
        assert set(media_files()) == {second.image.name} | {
            item["name"] for item in second.renditions["items"]
        }


class PictureMarkupTests(TemporaryMediaMixin, TestCase):
    def test_home_and_goals_pages_offer_modern_formats_with_a_fallback(self):
        photo = make_photo(image=jpeg_with_gps(size=(1000, 500)))
        make_profile(hero_photo=photo)
        make_goal(photo=photo)
        home = self.client.get("/de/").content.decode()
        figure = home[home.index("<figure") : home.index("</figure>")]
        webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="[^"]+">', figure)
        assert webp, figure
        assert webp.group(1).count("w, ") == 2 and webp.group(1).endswith(" 1000w")
        img = re.search(r"<img [^>]+>", figure).group(0)
        assert re.search(r'src="/media/renditions/[0-9a-f]+-1000\.jpg"', img)
        assert 'srcset="/media/renditions/' in img and "-480.jpg 480w" in img
        assert 'width="1000" height="500"' in img
        assert 'alt="Ein Haus"' in img
        assert "loading=" not in img, "the hero photo is above the fold"
        assert '<span class="photo__caption">Das Haus</span>' in figure
        goals = self.client.get("/de/ziele/").content.decode()
        assert 'loading="lazy"' in goals
        for url in re.findall(r"(/media/renditions/[^ \"]+)", figure):
            assert self.client.get(url).status_code == 200

    def test_a_photo_from_before_renditions_gets_them_from_the_command(self):
        photo = make_photo()
        Photo.objects.filter(pk=photo.pk).update(renditions={})
        call_command("make_renditions", verbosity=0)
        photo.refresh_from_db()
        assert {item["width"] for item in photo.renditions["items"]} == {64}
