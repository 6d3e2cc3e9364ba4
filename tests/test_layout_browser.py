"""The public pages on a small phone and zoomed in, as Chromium lays them out."""

import re

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


BOX = "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"


class HeaderBrowserTests:
    def test_on_a_desktop_the_header_tools_share_one_row_ending_with_the_search_form(self, page):
        # They used to stack below the agency name as a ragged column: the language
        # switcher indented under the Easy Read links, lined up with nothing.
        make_profile(
            name_de="MIA-DO-Kommunales Integrationszentrum Dortmund", short_name="MIA-DO-KI"
        )
        page.set_viewport_size({"width": 1280, "height": 800})

        page.goto("/de/")

        links = page.locator(".accessibility-links").evaluate(BOX)
        switcher = page.locator(".language-switcher").evaluate(BOX)
        search = page.locator(".search-form--header").evaluate(BOX)
        assert abs((links[1] + links[3]) / 2 - (switcher[1] + switcher[3]) / 2) < 4, (
            links,
            switcher,
        )
        assert abs(switcher[2] - search[2]) < 2, (switcher, search)


def luminance(css_colour):
    """Relative luminance (WCAG) of a computed `rgb(…)`/`rgba(…)` colour."""
    red, green, blue = (int(part) / 255 for part in re.findall(r"[\d.]+", css_colour)[:3])

    def linear(value):
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


class PrintBrowserTests:
    def test_a_browser_in_dark_mode_prints_dark_text_on_white(self, page):
        # The dark scheme's light greys used to reach the paper: faint links, captions and
        # dates on white, and black text on the cards' dark grey.
        make_profile()
        make_focus_area()
        page.emulate_media(media="print", color_scheme="dark")

        page.goto("/de/")

        texts = {}
        for selector in ["body", ".card", ".last-updated", ".footer-nav a"]:
            texts[selector] = page.locator(selector).first.evaluate(
                "element => getComputedStyle(element).color"
            )
        card_background = page.locator(".card").first.evaluate(
            "element => getComputedStyle(element).backgroundColor"
        )
        # Contrast with white of at least 7:1 means a luminance of at most 0.1.
        assert {
            selector: colour for selector, colour in texts.items() if luminance(colour) > 0.1
        } == {}
        assert luminance(card_background) > 0.9, card_background
