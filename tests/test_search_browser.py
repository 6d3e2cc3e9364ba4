"""The site search in Chromium: on a small phone, with the keyboard alone, no script."""

import pytest

from .content import make_notice, make_profile

pytestmark = pytest.mark.browser


class SearchBrowserTests:
    def test_search_with_the_keyboard_alone_at_320_px(self, page, browser_log):
        make_profile()
        make_notice(
            title_de="Sprachcafé am Friedensplatz", slug="sprachcafe", text_de="Jeden Montag."
        )
        page.set_viewport_size({"width": 320, "height": 640})
        page.goto("/de/")

        # Tab from the top of the page to the header's search field, type, press Enter.
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "site-search-q":
                break
        assert page.evaluate("document.activeElement.id") == "site-search-q"
        page.keyboard.type("sprachcafé")
        page.keyboard.press("Enter")
        page.wait_for_url("**/de/suche/?q=sprachcaf%C3%A9")

        assert page.locator("h2.search-summary").inner_text() == "1 Ergebnis für „sprachcafé“"
        link = page.get_by_role("link", name="Sprachcafé am Friedensplatz")
        assert link.get_attribute("href") == "/de/aktuelles/sprachcafe/"
        for url in ["/de/", page.url]:
            page.goto(url)
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert widths[0] <= widths[1], f"{url} scrolls sideways at 320 px: {widths}"
        # Both search landmarks are named, differently, and the button says what it does.
        assert page.get_by_role("search", name="Website-Suche").count() == 1
        assert page.get_by_role("search", name="Website durchsuchen").count() == 1
        assert page.get_by_role("button", name="Suchen").count() == 2
        assert browser_log.errors == [] and browser_log.csp_violations == []
