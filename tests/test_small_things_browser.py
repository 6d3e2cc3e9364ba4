"""German slugs and the character counter, as an editor meets them in Chromium (issue 12)."""

import pytest

pytestmark = pytest.mark.browser


class GermanSlugTests:
    def test_typing_a_german_title_spells_out_umlauts_and_sharp_s_in_the_slug(
        self, page, open_admin, browser_log
    ):
        open_admin("/admin/pages/notice/add/")
        page.locator("#id_title_de").press_sequentially("Größere Übung für Äpfel")
        assert page.locator("#id_slug").input_value() == "groessere-uebung-fuer-aepfel"
        # The slug's counter follows the slug the script filled in.
        assert page.locator("#id_slug_character_count").inner_text() == (
            "Zeichen übrig: 72 von 100"
        )
        assert browser_log.errors == []
        assert browser_log.csp_violations == []


class CharacterCounterTests:
    def test_the_counter_shows_what_is_left_and_speaks_only_when_typing_pauses(
        self, page, open_admin, browser_log
    ):
        open_admin("/admin/pages/notice/add/")
        title = page.locator("#id_title_de")
        counter = page.locator("#id_title_de_character_count")
        assert counter.inner_text() == "Zeichen übrig: 200 von 200"
        described = title.get_attribute("aria-describedby").split()
        assert described == ["id_title_de_helptext", "id_title_de_character_count"]
        announcer = counter.locator("xpath=following-sibling::*[1]")
        assert announcer.get_attribute("aria-live") == "polite"
        # Count what the live region is told while the editor types ten letters.
        page.evaluate(
            """() => {
                window.announcements = [];
                const region = document.querySelector('#id_title_de_character_count')
                    .nextElementSibling;
                new MutationObserver(() => window.announcements.push(region.textContent))
                    .observe(region, {childList: true, characterData: true, subtree: true});
            }"""
        )
        title.press_sequentially("Neuigkeit!")
        assert counter.inner_text() == "Zeichen übrig: 190 von 200"
        page.wait_for_function("() => window.announcements.length > 0")
        page.wait_for_timeout(1200)
        assert page.evaluate("window.announcements") == ["Zeichen übrig: 190 von 200"]
        assert browser_log.errors == []
        assert browser_log.csp_violations == []

    def test_the_counter_stops_at_zero_where_the_browser_stops_typing(self, page, open_admin):
        open_admin("/admin/pages/signlanguagevideo/add/")
        counter = page.locator("#id_title_de_character_count")
        assert counter.inner_text() == "Zeichen übrig: 200 von 200"
        page.locator("#id_title_de").fill("x" * 250)  # maxlength stops it at 200
        assert counter.inner_text() == "Zeichen übrig: 0 von 200"
