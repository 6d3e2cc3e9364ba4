"""The public pages on a small phone and zoomed in, as Chromium lays them out."""

import pytest

from .content import make_focus_area, make_profile
from .public_pages import make_public_site, public_pages

pytestmark = pytest.mark.browser

WIDTHS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


class NarrowScreenBrowserTests:
    def test_long_german_words_in_focus_area_cards_do_not_widen_the_home_page(self, page):
        make_profile()
        make_focus_area(
            title_de="Beteiligung und Vernetzung",
            text_de="Gemeinsam mit Wohlfahrtsverbänden und Migrantenselbstorganisationen.",
        )
        page.set_viewport_size({"width": 320, "height": 640})

        page.goto("/de/")

        widths = page.evaluate(WIDTHS)
        assert widths[0] <= widths[1], f"page scrolls sideways at 320 px: {widths}"


class ReflowTests:
    """WCAG 1.4.10: content reflows at 320 CSS px, with no scrolling in two directions."""

    def test_no_public_page_scrolls_sideways_at_320_px_or_at_200_percent_zoom(self, page):
        make_public_site()
        urls = public_pages()
        sideways = []
        # 320 px: a small phone. 640 px: a 1280 px wide window zoomed to 200 %.
        for width in [320, 640]:
            page.set_viewport_size({"width": width, "height": 640})
            for url in urls:
                page.goto(url)
                scroll_width, client_width = page.evaluate(WIDTHS)
                if scroll_width > client_width:
                    sideways.append(f"{url} at {width} px: {scroll_width} > {client_width}")
        assert sideways == []

    def test_a_page_wider_than_the_screen_is_noticed(self, page):
        page.set_viewport_size({"width": 320, "height": 640})
        page.set_content('<p style="inline-size: 400px">Integrationsrat</p>')
        scroll_width, client_width = page.evaluate(WIDTHS)
        assert scroll_width > client_width
