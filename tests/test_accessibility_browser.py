"""
WCAG 2.1 AA as Chromium shows the site: axe-core on every public page in both languages,
the keyboard path through the home page, and what the public pages need of the browser
(no script, no other host).

axe-core comes from PyPI's axe-playwright-python (see pyproject.toml for why); it is run
through Playwright's evaluate, which the pages' Content-Security-Policy does not block.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .public_pages import make_public_site, public_pages

pytestmark = pytest.mark.browser

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the loaded page, one readable line per element."""
    results = Axe().run(page, options=WCAG_21_AA).response
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    {node['target']} {node['failureSummary'].splitlines()[-1].strip()}\n"
        f"    {node['html'][:200]}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def scan(page, urls):
    report = []
    for url in urls:
        page.goto(url)
        report += [f"{url}: {line}" for line in axe_violations(page)]
    return report


class AxeTests:
    def test_every_public_page_in_both_languages_has_no_wcag_21_aa_violation(self, page):
        make_public_site()
        urls = public_pages()

        report = scan(page, urls)

        assert report == [], f"{len(report)} violations:\n" + "\n".join(report)
        assert {url.split("/")[1] for url in urls} == {"de", "en"}

    def test_the_home_page_in_dark_mode_and_at_200_percent_zoom_has_no_violation(self, page):
        make_public_site()
        page.emulate_media(color_scheme="dark")
        report = scan(page, ["/de/", "/en/"])
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        # 1280 px at 200 % zoom lays the page out in 640 CSS pixels.
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 640, "height": 400})
        report += scan(page, ["/de/", "/en/"])

        assert report == [], "\n".join(report)

    def test_a_violation_is_reported_with_the_page_and_element(self, page):
        # The scan must be able to fail: a page with an image without text and a
        # grey-on-white paragraph.
        page.set_content(
            '<html lang="de"><title>x</title><main><img src="data:,">'
            '<p style="color:#bbb">blass</p></main></html>'
        )
        report = axe_violations(page)
        assert any(line.startswith("image-alt (critical)") for line in report), report
        assert any(line.startswith("color-contrast (serious)") for line in report), report


# Where a focused element is: its landmark, and which part of the header.
REGION = """element => {
  if (element.matches('.skip-link')) return ['skip link', ''];
  if (element.closest('header')) {
    if (element.closest('.site-name')) return ['header', 'site name'];
    if (element.closest('.language-switcher')) return ['header', 'language switcher'];
    if (element.closest('.main-nav')) return ['header', 'main navigation'];
    return ['header', 'other'];
  }
  if (element.closest('main')) return ['main', ''];
  if (element.closest('footer')) return ['footer', ''];
  return [element === document.body ? 'body' : 'elsewhere', ''];
}"""
# What makes focus visible: the element's outline and shadow, focused and not.
FOCUS_STYLE = """element => {
  const style = getComputedStyle(element);
  return style.outlineStyle === 'none' ? `none|${style.boxShadow}`
    : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}|${style.boxShadow}`;
}"""
MAX_TABS = 120


def focused(page):
    handle = page.evaluate_handle("document.activeElement")
    element = handle.as_element()
    return {
        "handle": element,
        "region": element.evaluate(REGION),
        "label": element.evaluate("e => (e.textContent || e.tagName).trim().slice(0, 40)"),
        "style": element.evaluate(FOCUS_STYLE),
        # In page coordinates: the page scrolls as focus moves down.
        "box": element.evaluate(
            "e => { const r = e.getBoundingClientRect();"
            " return {y: r.top + scrollY, width: r.width, height: r.height}; }"
        ),
    }


def tab_through(page):
    """Press Tab until focus comes back to where it started; every stop in order."""
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stops and stop["handle"].evaluate("(e, first) => e === first", stops[0]["handle"]):
            return stops, True
        stops.append(stop)
    return stops, False


def in_order(names):
    """The names in the order they come, each run of the same name once."""
    return [name for index, name in enumerate(names) if index == 0 or names[index - 1] != name]


class KeyboardTests:
    def test_tab_walks_the_home_page_in_reading_order_with_visible_focus_and_no_trap(self, page):
        make_public_site()
        page.goto("/de/")

        stops, wrapped = tab_through(page)

        labels = [f"{stop['region']}: {stop['label']}" for stop in stops]
        assert wrapped, f"Tab never came back to the start (keyboard trap?): {labels}"
        assert stops[0]["label"] == "Zum Hauptinhalt springen"
        stops = [stop for stop in stops if stop["region"][0] != "body"]
        landmarks = in_order([stop["region"][0] for stop in stops])
        assert landmarks == ["skip link", "header", "main", "footer"], labels
        # In the header: the site's name first, the language switcher before the sections
        # (other parts, such as a search form, may come between).
        header = in_order([stop["region"][1] for stop in stops if stop["region"][0] == "header"])
        assert header[0] == "site name", labels
        assert header.index("language switcher") < header.index("main navigation"), labels
        for stop in stops:
            assert stop["box"] and stop["box"]["width"] > 0, f"{stop['label']} is not visible"
        for before, after in zip(stops, stops[1:], strict=False):
            follows = before["handle"].evaluate(
                "(e, next) => Boolean(e.compareDocumentPosition(next)"
                " & Node.DOCUMENT_POSITION_FOLLOWING)",
                after["handle"],
            )
            assert follows, f"{after['label']} comes before {before['label']} in the page"
            # Visual order too: the next stop is on the same line or further down.
            below = after["box"]["y"] + after["box"]["height"] > before["box"]["y"]
            assert below, f"{after['label']} is shown above {before['label']}"
        # Nothing focused: the same elements without their focus style.
        page.evaluate("document.activeElement.blur()")
        for stop in stops:
            unfocused = stop["handle"].evaluate(FOCUS_STYLE)
            assert stop["style"] != unfocused, f"focus on {stop['label']} cannot be seen"
            assert not stop["style"].startswith("none"), stop

    def test_the_skip_link_shows_when_focused_and_moves_focus_to_the_main_content(self, page):
        make_public_site()
        page.goto("/en/notices/")
        skip_link = page.locator(".skip-link")
        assert not skip_link.is_visible() or skip_link.bounding_box()["y"] < 0

        page.keyboard.press("Tab")
        box = skip_link.bounding_box()
        assert page.evaluate("document.activeElement.className") == "skip-link"
        assert box["y"] >= 0 and box["height"] > 10, box
        assert skip_link.inner_text() == "Skip to main content"

        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        page.keyboard.press("Tab")
        assert focused(page)["region"][0] == "main"
