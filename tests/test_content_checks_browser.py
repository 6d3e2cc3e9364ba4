"""The "Prüfungen" panel, the report and the duties banner in Chromium: axe finds nothing,
the page loads no script of another host and runs no inline script, and the preview
checks the text as typed."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings

from .content import make_notice
from .test_accessibility_browser import WCAG_21_AA

pytestmark = pytest.mark.browser


def axe_violations(page, selector):
    """axe-core's WCAG 2.1 A/AA violations inside `selector`, one line per element."""
    results = Axe().run(page, context={"include": [[selector]]}, options=WCAG_21_AA).response
    return [
        f"{violation['id']}: {violation['help']} {node['target']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def other_hosts(page, live_server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    return lambda: [url for url in requests if not url.startswith(live_server.url)]


class ContentChecksBrowserTests:
    def test_the_panel_passes_axe_and_checks_the_text_as_typed(
        self, page, open_admin, browser_log, live_server
    ):
        notice = make_notice(
            text_de="Am 3. Mai feiern wir. MEHR DAZU GIBT ES BALD.\n\n## Zu tief",
            title_en="Party",
            text_en="We party in May.",
        )
        foreign = other_hosts(page, live_server)
        open_admin(f"/admin/pages/notice/{notice.pk}/change/")
        panel = page.locator(".content-checks")
        panel.get_by_role("heading", name="Prüfungen").wait_for()
        assert panel.get_by_role("heading", name="Deutsch").is_visible()
        assert panel.get_by_text("Überschrift überspringt eine Ebene").is_visible()

        page.locator(".ui-tabs-nav a", has_text="EN").last.click()
        page.fill("#id_text_en", "We party on 3 May. Read more [here](https://example.org/).")
        panel.get_by_role("button", name="Eingegebenen Text prüfen").click()
        panel.get_by_text("Prüfungen des eingegebenen Texts").wait_for()
        assert panel.locator('q[lang="en"]', has_text="here").count() == 1
        assert browser_log.csp_violations == [] and browser_log.errors == []
        assert foreign() == []
        # Last: axe's own injected script sets inline styles, which the CSP reports.
        assert axe_violations(page, ".content-checks") == []

    @override_settings(ACCESSIBILITY_FEEDBACK_EMAIL="")
    def test_the_report_and_the_duties_banner_pass_axe(self, page, open_admin, browser_log):
        make_notice(text_de="Klicken Sie [hier](https://example.org/).")
        open_admin("/admin/")
        page.locator(".content-duties").wait_for()
        assert "Barriere melden" in page.locator(".content-duties").inner_text()
        assert browser_log.csp_violations == [] and browser_log.errors == []
        assert axe_violations(page, ".content-duties") == []

        page.get_by_role("link", name="Inhaltsprüfung", exact=False).click()
        page.get_by_role("heading", name="Inhaltsprüfung").wait_for()
        page.get_by_role("link", name="Wörter").click()
        page.locator('th[aria-sort="ascending"]').wait_for()
        assert axe_violations(page, "#content-main") == []
