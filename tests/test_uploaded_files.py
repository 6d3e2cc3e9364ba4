"""Uploaded files as editors leave them: one revision per save, no strays, nothing lost."""

from django.test import TestCase

from editorial.roles import EDITORS
from pages.models import SignLanguageVideo
from photos.models import Photo

from .content import image_upload, media_files, use_temporary_media_root
from .test_easy_read_and_sign_language import make_video, video_upload, webm_bytes
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
        return Photo.objects.order_by("pk").first()

    def restore(self, obj, record):
        opts = obj._meta
        url = f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/history/{record.history_id}/"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"{url}restore/")
        assert response.status_code == 302
        obj.refresh_from_db()

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

    def test_the_same_picture_uploaded_again_keeps_its_renditions(self):
        # The old photo's renditions went, though the new file (same pixels) still used them.
        photo = self.post("/admin/photos/photo/add/", image=image_upload("rathaus.jpg"))
        again = self.post(
            f"/admin/photos/photo/{photo.pk}/change/", image=image_upload("rathaus.jpg")
        )
        assert again.image.name != photo.image.name
        assert again.renditions == photo.renditions
        assert set(media_files()) == files_of(again)

    def test_restoring_a_version_whose_file_is_still_there_removes_the_replaced_file(self):
        # Replaced without its commit: the old file was not deleted.
        photo = self.post("/admin/photos/photo/add/", image=image_upload("alt.jpg"))
        first = photo.history.get()
        self.client.post(
            f"/admin/photos/photo/{photo.pk}/change/",
            photo_form(image=image_upload("neu.jpg", size=(80, 60))),
        )
        assert len(media_files()) > len(files_of(photo))
        self.restore(photo, first)
        assert photo.image.name == first.image
        assert (photo.width, photo.height) == (64, 48)
        assert set(media_files()) == files_of(photo)

    def test_restoring_a_file_another_photo_shows_leaves_that_photo_its_file(self):
        photo = self.post("/admin/photos/photo/add/", image=image_upload("alt.jpg"))
        first = photo.history.get()
        other = Photo.objects.create(
            image=photo.image.name, alt_text_de="Kopie", credit_name="Erika Muster"
        )
        self.post(f"/admin/photos/photo/{photo.pk}/change/", image=image_upload("neu.jpg"))
        self.restore(photo, first)
        other.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            photo.delete()
        assert set(media_files()) == files_of(other)


class VideoRevisionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteur", EDITORS)

    def setUp(self):
        use_temporary_media_root(self)
        self.client.force_login(self.editor)

    def test_restoring_a_video_whose_file_is_still_there_removes_the_replaced_one(self):
        with self.captureOnCommitCallbacks(execute=True):
            video = make_video()
        first = video.history.get()
        video.video = video_upload(webm_bytes(), "neu.webm")
        video.save()  # without its commit: the old file stays
        assert len(media_files()) == 2
        url = f"/admin/pages/signlanguagevideo/{video.pk}/history/{first.history_id}/restore/"
        with self.captureOnCommitCallbacks(execute=True):
            assert self.client.post(url).status_code == 302
        video = SignLanguageVideo.objects.get()
        assert video.video.name == first.video
        assert media_files() == [video.video.name]
