"""The admin's language tabs, as an editor sees them in Chromium."""

import pytest
from django.conf import settings

from pages.models import FocusArea

pytestmark = pytest.mark.browser


class LanguageTabBrowserTests:
    def test_each_translated_field_has_one_tab_per_language(self, page, open_admin, browser_log):
        open_admin("/admin/pages/focusarea/add/")
        page.wait_for_selector(".ui-tabs-nav")
        tabs = page.locator(".ui-tabs").filter(has=page.locator("#id_title_de"))
        labels = tabs.first.locator(".ui-tabs-nav li a").all_inner_texts()
        assert [label.lower() for label in labels] == [code for code, _ in settings.LANGUAGES]
        assert browser_log.csp_violations == [] and browser_log.errors == []

    def test_an_error_in_a_closed_language_tab_marks_that_tab_and_opens_it(
        self, page, open_admin, browser_log
    ):
        open_admin("/admin/pages/focusarea/add/")
        page.fill("#id_title_de", "Ein Schwerpunkt")
        page.fill("#id_text_de", "Text")
        # The English tab is closed: fill it through the DOM, as a restored draft would be.
        page.eval_on_selector("#id_title_en", "el => { el.value = 'x'.repeat(201) }")
        page.click("input[name=_save]")

        assert not FocusArea.objects.exists()
        title_tabs = page.locator(".ui-tabs").filter(has=page.locator("#id_title_en")).first
        english_tab = title_tabs.locator(".ui-tabs-nav li").nth(1)
        german_tab = title_tabs.locator(".ui-tabs-nav li").nth(0)
        assert "ui-tab-has-errors" in english_tab.get_attribute("class")
        assert "ui-tab-has-errors" not in (german_tab.get_attribute("class") or "")
        # The tab with the error is the one shown, so the message is on screen.
        assert "ui-tabs-active" in english_tab.get_attribute("class")
        assert page.locator("#id_title_en").is_visible()
        assert page.get_by_text("höchstens 200 Zeichen").first.is_visible()
        assert browser_log.csp_violations == []
