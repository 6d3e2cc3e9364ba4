"""Nothing lost, as editors and translators see it in Chromium: concurrent edits, restore."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from editorial.roles import TRANSLATORS
from goals.models import Goal

from .content import make_goal
from .test_editorial import make_staff

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}


def serious_violations(page, selector):
    """axe-core's serious or critical findings inside our own markup on the page."""
    results = Axe().run(page, context=selector, options={"resultTypes": ["violations"]})
    return [
        f"{violation['id']}: {node['target']} {node['html'][:160]}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]


@pytest.fixture
def translator_page(chromium, live_server, page):
    """A second browser, with its own cookies, in which a translator has logged in."""
    make_staff("uebersetzer", TRANSLATORS)
    context = chromium.new_context(base_url=live_server.url, locale="de-DE")
    context.set_default_timeout(15_000)
    context.set_extra_http_headers({"Accept-Language": "de"})
    tab = context.new_page()
    tab.goto("/admin/login/?next=/admin/")
    tab.fill("#id_username", "uebersetzer")
    tab.fill("#id_password", "ein-langes-passwort")
    tab.click("input[type=submit][value]")
    yield tab
    context.close()


class ConcurrentEditBrowserTests:
    def test_a_translator_saving_after_an_editor_is_stopped_and_merges(
        self, page, open_admin, translator_page, browser_log
    ):
        goal = make_goal(text_de="Sprachkurse für alle.", text_en="Language courses for all.")
        url = f"/admin/goals/goal/{goal.pk}/change/"
        editor = open_admin(url)
        translator_page.goto(url)

        editor.fill("#id_text_de", "Sprachkurse für alle Altersgruppen.")
        editor.click("input[name=_save]")
        editor.wait_for_selector(".messagelist .success")

        translator_page.fill("#id_text_en", "Language courses for everyone.")
        translator_page.click("input[name=_save]")
        conflict = translator_page.locator(".edit-conflict")
        conflict.wait_for()
        assert "nicht gespeichert" in conflict.inner_text()
        assert "redaktion" in conflict.inner_text()
        assert "Altersgruppen" in conflict.locator("ins").first.inner_text()
        # Their own text is still in the form, next to the German as it is now.
        assert translator_page.input_value("#id_text_en") == "Language courses for everyone."
        assert "Altersgruppen" in translator_page.locator("#id_text_en_source").inner_text()
        goal.refresh_from_db()
        assert goal.text_en == "Language courses for all."
        assert serious_violations(translator_page, ".edit-conflict") == []

        translator_page.fill("#id_text_en", "Language courses for all age groups.")
        translator_page.click("input[name=_save]")
        translator_page.wait_for_selector(".messagelist .success")
        goal.refresh_from_db()
        assert goal.text_de == "Sprachkurse für alle Altersgruppen."
        assert goal.text_en == "Language courses for all age groups."
        assert browser_log.csp_violations == [] and browser_log.errors == []


class CompareAndRestoreBrowserTests:
    def test_an_editor_compares_two_versions_then_restores_one_after_confirming(
        self, page, open_admin, browser_log
    ):
        goal = make_goal(text_de="Erste Fassung des Ziels.")
        for text in ["Zweite Fassung des Ziels.", "Dritte Fassung des Ziels, länger."]:
            goal.text_de = text
            goal.save()
        history = f"/admin/goals/goal/{goal.pk}/history/"
        open_admin(history)
        assert serious_violations(page, "#content-main") == []

        # The newest row is chosen as "to"; choose the oldest as "from".
        page.locator("input[name=from]").last.check()
        page.get_by_role("button", name="Gewählte Versionen vergleichen").click()
        page.wait_for_url("**/history/compare/**")
        diff = page.locator(".word-diff").inner_text()
        assert "Erste" in diff and "Dritte" in diff and "länger" in diff
        assert serious_violations(page, "#content-main") == []

        page.goto(history)
        page.locator("a.button", has_text="Diese Version wiederherstellen").last.click()
        page.wait_for_url("**/restore/")
        assert "Diese Version wiederherstellen?" in page.content()
        assert "Erste Fassung des Ziels." in page.locator(".revision-fields").inner_text()
        assert serious_violations(page, "#content-main") == []
        assert Goal.objects.get().text_de == "Dritte Fassung des Ziels, länger."

        page.get_by_role("button", name="Diese Version wiederherstellen").click()
        page.wait_for_url(f"**{history}")
        assert "wurde wiederhergestellt" in page.locator(".messagelist").inner_text()
        assert Goal.objects.get().text_de == "Erste Fassung des Ziels."
        assert browser_log.csp_violations == [] and browser_log.errors == []
