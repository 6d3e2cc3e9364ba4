"""A photo's revisions and files as an editor leaves them: one revision per save, no strays."""

from django.test import TestCase

from editorial.roles import EDITORS
from photos.models import Photo

from .content import image_upload, media_files, use_temporary_media_root
from .test_editorial import make_staff


def photo_form(**overrides):
    data = {
        "alt_text_de": "Das Rathaus",
        "caption_de": "",
        "credit_name": "Erika Muster",
        "credit_role": "",
        "licence": "",
        "source_url": "",
    }
    return {**data, **overrides}


def files_of(photo):
    return {photo.image.name} | {item["name"] for item in photo.renditions["items"]}


class PhotoRevisionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteur", EDITORS)

    def setUp(self):
        use_temporary_media_root(self)
        self.client.force_login(self.editor)

    def post(self, url, **overrides):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, photo_form(**overrides))
        assert response.status_code == 302, response.content.decode()
        return Photo.objects.get()

    def test_an_upload_and_a_replacement_each_leave_one_revision(self):
        # Each saved twice (the second time for its renditions): an empty revision apiece.
        photo = self.post("/admin/photos/photo/add/", image=image_upload("alt.jpg"))
        [created] = photo.history.all()
        assert created.history_type == "+"
        assert created.renditions == photo.renditions and photo.renditions["items"]

        self.post(
            f"/admin/photos/photo/{photo.pk}/change/",
            image=image_upload("neu.jpg", size=(80, 60)),
        )
        photo.refresh_from_db()
        assert photo.history.count() == 2
        replaced = photo.history.latest()
        assert replaced.image == photo.image.name
        assert replaced.renditions == photo.renditions
        assert (replaced.width, replaced.height) == (80, 60)
        assert set(media_files()) == files_of(photo)
