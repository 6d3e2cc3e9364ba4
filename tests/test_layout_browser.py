"""The public pages on a small phone, as Chromium lays them out."""

import pytest

from .content import make_focus_area, make_profile

pytestmark = pytest.mark.browser


class NarrowScreenBrowserTests:
    def test_long_german_words_in_focus_area_cards_do_not_widen_the_home_page(self, page):
        make_profile()
        make_focus_area(
            title_de="Beteiligung und Vernetzung",
            text_de="Gemeinsam mit Wohlfahrtsverbänden und Migrantenselbstorganisationen.",
        )
        page.set_viewport_size({"width": 320, "height": 640})

        page.goto("/de/")

        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"page scrolls sideways at 320 px: {widths}"
