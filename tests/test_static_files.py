import re
import shutil
import tempfile

from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, SimpleTestCase, override_settings


class CollectedStaticFilesTests(SimpleTestCase):
    """Static files as production serves them: after collectstatic, through WhiteNoise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.static_root = tempfile.mkdtemp(prefix="miado-test-static-")
        cls.addClassCleanup(shutil.rmtree, cls.static_root, True)
        cls.production_static = override_settings(
            STATIC_ROOT=cls.static_root,
            WHITENOISE_USE_FINDERS=False,
            STORAGES={
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {
                    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                },
            },
        )
        cls.production_static.enable()
        cls.addClassCleanup(cls.production_static.disable)
        call_command("collectstatic", interactive=False, verbosity=0)

    def test_stylesheet_has_a_hashed_name_and_is_cached_forever_compressed(self):
        url = static("css/site.css")
        assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url), url
        client = Client()
        for encoding in ["br", "gzip"]:
            with self.subTest(encoding=encoding):
                response = client.get(url, headers={"accept-encoding": encoding})
                assert response.status_code == 200
                assert response["Content-Encoding"] == encoding
                assert response["Cache-Control"] == "max-age=315360000, public, immutable"
                assert response["Vary"] == "Accept-Encoding"
        plain = client.get(url)
        assert plain.status_code == 200
        assert not plain.has_header("Content-Encoding")

    def test_an_unhashed_name_is_not_cached_forever(self):
        response = Client().get("/static/css/site.css")
        assert response.status_code == 200
        assert "immutable" not in response["Cache-Control"]
