"""Photo uploads: only real photos get in; everything else is refused and nothing is stored."""

import io
import random
import struct
import zlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image, PngImagePlugin, features

from photos.models import Photo

from .content import make_photo, media_files, use_temporary_media_root
from .test_admin import AdminTestCase

NOT_AN_IMAGE = "Diese Datei ist kein Foto in einem der Formate JPEG, PNG, WebP"
POLYGLOT = "Diese Bilddatei enthält zusätzlich andere Daten"


def encoded(image_format, size=(64, 48), mode="RGB", noise=False, **save_options):
    image = Image.new(mode, size, 0 if mode == "1" else (30, 90, 140))
    if noise:
        pixels = random.Random(7).randbytes(size[0] * size[1] * 3)
        image = Image.frombytes("RGB", size, pixels)
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def upload(data, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming_size(width, height):
    """A tiny, well-formed PNG whose header claims a huge canvas: a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 1024, 9))
        + png_chunk(b"IEND", b"")
    )


class PhotoUploadTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        use_temporary_media_root(self)

    def post_photo(self, image):
        return self.client.post(
            "/admin/photos/photo/add/",
            {"image": image, "alt_text_de": "Ein Haus", "credit_name": "Erika Muster"},
        )

    def assert_refused(self, image, message):
        response = self.post_photo(image)
        assert response.status_code == 200, "the form should be shown again, not saved"
        assert message in response.content.decode()
        assert not Photo.objects.exists()
        assert media_files() == []

    def test_jpeg_png_webp_and_avif_photos_are_accepted(self):
        formats = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
        if features.check("avif"):
            formats["AVIF"] = "avif"
        assert "AVIF" in formats, "this Pillow build cannot read AVIF"
        for image_format, extension in formats.items():
            with self.subTest(image_format):
                response = self.post_photo(upload(encoded(image_format), f"foto.{extension}"))
                assert response.status_code == 302
                assert Photo.objects.latest("pk").width == 64
        originals = [name for name in media_files() if name.startswith("photos/")]
        assert len(originals) == len(formats)

    def test_an_svg_with_script_is_refused(self):
        svg = (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
            b"<script>alert(1)</script></svg>"
        )
        self.assert_refused(upload(svg, "grafik.svg", "image/svg+xml"), NOT_AN_IMAGE)

    def test_html_renamed_to_jpg_is_refused(self):
        html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
        self.assert_refused(upload(html), NOT_AN_IMAGE)

    def test_a_script_behind_a_jpeg_signature_is_refused(self):
        disguised = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"alert(document.cookie);" * 20
        self.assert_refused(upload(disguised), NOT_AN_IMAGE)

    def test_a_truncated_jpeg_is_refused(self):
        whole = encoded("JPEG", size=(256, 256), noise=True)
        self.assert_refused(upload(whole[: len(whole) // 2]), NOT_AN_IMAGE)

    def test_a_decompression_bomb_is_refused_before_it_is_decoded(self):
        bomb = encoded("PNG", size=(9000, 9000), mode="1")
        assert len(bomb) < 100_000  # a small file that unpacks to 81 million pixels
        self.assert_refused(upload(bomb, "bombe.png"), "9000 × 9000 Pixel")

    def test_a_bomb_too_large_even_to_open_is_refused(self):
        self.assert_refused(upload(png_claiming_size(100_000, 100_000), "bombe.png"), NOT_AN_IMAGE)

    def test_polyglots_are_refused(self):
        script = b"<script>alert(1)</script>"
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", "<html><body onload=alert(1)></body></html>")
        polyglots = {
            "script in a JPEG comment": upload(encoded("JPEG", comment=script)),
            "HTML in a PNG text chunk": upload(encoded("PNG", pnginfo=text), "foto.png"),
            "HTML after the JPEG's end": upload(encoded("JPEG") + b"<html>" + script),
            "data after the PNG's end": upload(encoded("PNG") + b"PK\x03\x04 zip", "foto.png"),
            "data after the WebP's end": upload(encoded("WEBP") + b"\x00<x>", "foto.webp"),
        }
        for case, file in polyglots.items():
            with self.subTest(case):
                self.assert_refused(file, POLYGLOT)

    def test_gif_bmp_and_tiff_are_not_on_the_allowlist(self):
        for image_format in ["GIF", "BMP", "TIFF"]:
            with self.subTest(image_format):
                self.assert_refused(
                    upload(encoded(image_format), f"foto.{image_format.lower()}"),
                    f"Dateien vom Typ {image_format} können nicht als Foto verwendet werden.",
                )

    @override_settings(PHOTO_MAX_UPLOAD_SIZE=100_000)
    def test_a_photo_over_the_size_limit_is_refused(self):
        large = encoded("PNG", size=(256, 256), noise=True)
        assert len(large) > 100_000
        self.assert_refused(upload(large, "gross.png"), "Fotos dürfen höchstens 97,7")

    @override_settings(ADMIN_MAX_REQUEST_BODY_SIZE=100_000)
    def test_an_oversized_request_body_is_refused_before_it_is_read(self):
        response = self.post_photo(upload(b"\xff" * 200_000))
        assert response.status_code == 413
        assert "Die Datei ist zu groß" in response.content.decode()
        assert not Photo.objects.exists()
        assert media_files() == []

    def test_too_much_form_data_is_a_clean_400(self):
        response = self.client.post(
            "/admin/photos/photo/add/", {"alt_text_de": "x" * 3_000_000, "credit_name": "E"}
        )
        assert response.status_code == 400
        assert not Photo.objects.exists()

    def test_editing_a_stored_photo_does_not_check_its_file_again(self):
        photo = make_photo()
        response = self.client.post(
            f"/admin/photos/photo/{photo.pk}/change/",
            {"alt_text_de": "Neuer Text", "credit_name": "Erika Muster"},
        )
        assert response.status_code == 302
        photo.refresh_from_db()
        assert photo.alt_text_de == "Neuer Text"


class PhotoValidatorTests(AdminTestCase):
    def test_the_model_itself_refuses_a_bad_file_whatever_the_way_in(self):
        photo = Photo(alt_text_de="Ein Haus", credit_name="E", image=upload(b"<svg/>"))
        with self.assertRaises(ValidationError) as refused:
            photo.full_clean()
        assert "image" in refused.exception.message_dict
