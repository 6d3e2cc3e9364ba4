"""A photo that content shows says where, and is not deleted while it is shown."""

from html import unescape

from goals.models import Goal
from pages.models import AgencyProfile
from photos.models import Photo
from photos.usage import relations_to

from .content import make_goal, make_photo, make_profile, use_temporary_media_root
from .test_admin import AdminTestCase

IN_USE = "Dieses Foto wird noch an den folgenden Stellen gezeigt"
SOME_IN_USE = "Einige der ausgewählten Fotos werden noch an den folgenden Stellen gezeigt"


class PhotoUsageTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        use_temporary_media_root(self)
        self.hero = make_photo(alt_text_de="Das Stadthaus", caption_de="Stadthaus")
        self.profile = make_profile(hero_photo=self.hero)
        self.goal = make_goal(text_de="Sprachkurse für alle", photo=self.hero)
        self.unused = make_photo(alt_text_de="Ein Park", caption_de="Park")

    def page(self, url):
        response = self.client.get(url)
        assert response.status_code == 200
        return unescape(response.content.decode())

    def test_the_change_page_lists_every_use_with_a_link(self):
        page = self.page(f"/admin/photos/photo/{self.hero.pk}/change/")
        assert "Wo das Foto verwendet wird" in page
        assert (
            f'Profil der Einrichtung: <a href="/admin/pages/agencyprofile/{self.profile.pk}'
            '/change/">Integrationszentrum</a> (Titelfoto)'
        ) in page
        assert (
            f'Ziel: <a href="/admin/goals/goal/{self.goal.pk}/change/">Sprachkurse für alle</a>'
            " (Foto)"
        ) in page
        page = self.page(f"/admin/photos/photo/{self.unused.pk}/change/")
        assert "Noch nirgends." in page

    def test_a_photo_in_use_is_not_deleted_and_the_page_says_where_it_is_used(self):
        url = f"/admin/photos/photo/{self.hero.pk}/delete/"
        page = self.page(url)
        assert IN_USE in page
        assert "Sprachkurse für alle" in page and "Titelfoto" in page
        assert 'type="submit"' not in page.split('id="content"')[1]
        response = self.client.post(url, {"post": "yes"})
        assert response.status_code == 200
        assert IN_USE in response.content.decode()
        assert Photo.objects.filter(pk=self.hero.pk).exists()
        self.profile.refresh_from_db()
        assert self.profile.hero_photo == self.hero

    def test_once_no_longer_used_it_can_be_deleted(self):
        AgencyProfile.objects.update(hero_photo=None)
        self.goal.photo = None
        self.goal.save()  # its history still names the photo: that is no use
        url = f"/admin/photos/photo/{self.hero.pk}/delete/"
        assert "Sind Sie sicher" in self.page(url)
        response = self.client.post(url, {"post": "yes"})
        assert response.status_code == 302
        assert not Photo.objects.filter(pk=self.hero.pk).exists()

    def test_bulk_delete_refuses_all_while_one_is_used_and_names_the_uses(self):
        data = {
            "action": "delete_selected",
            "_selected_action": [self.hero.pk, self.unused.pk],
        }
        page = unescape(self.client.post("/admin/photos/photo/", data).content.decode())
        assert SOME_IN_USE in page
        assert "„Stadthaus“ wird hier verwendet: Ziel: " in page
        response = self.client.post("/admin/photos/photo/", {**data, "post": "yes"})
        assert response.status_code == 200
        assert SOME_IN_USE in response.content.decode()
        assert Photo.objects.count() == 2
        # The unused one alone goes.
        data["_selected_action"] = [self.unused.pk]
        response = self.client.post("/admin/photos/photo/", {**data, "post": "yes"})
        assert response.status_code == 302
        assert list(Photo.objects.all()) == [self.hero]

    def test_uses_are_found_through_the_relations_to_photo_not_by_name(self):
        fields = {(field.model, field.name) for field in relations_to(Photo)}
        assert fields == {(AgencyProfile, "hero_photo"), (Goal, "photo")}
