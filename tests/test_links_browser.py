"""Links, moved pages and deleted pages, as an editor and a visitor meet them in Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from pages.models import Notice

from .content import make_free_page, make_notice, make_profile
from .test_accessibility_browser import WCAG_21_AA

pytestmark = pytest.mark.browser


class LinkBrowserTests:
    def test_a_www_link_is_refused_on_its_tab_and_the_fixed_text_works(
        self, page, open_admin, browser_log
    ):
        make_profile()
        notice = make_notice(slug="sprechstunde", text_de="Alt.")
        open_admin(f"/admin/pages/notice/{notice.pk}/change/")
        page.fill("#id_text_de", "[E-Mail](info@dortmund.de), [Telefon](0231 50-0)")
        text_tabs = page.locator(".ui-tabs").filter(has=page.locator("#id_text_en")).first
        text_tabs.locator(".ui-tabs-nav li").nth(1).click()
        page.fill("#id_text_en", "See [the city](www.dortmund.de).")
        page.click("input[name=_save]")

        english_tab = text_tabs.locator(".ui-tabs-nav li").nth(1)
        assert "ui-tab-has-errors" in english_tab.get_attribute("class")
        assert page.locator("#id_text_en").is_visible()
        assert page.get_by_text("https://www.dortmund.de").first.is_visible()
        assert page.input_value("#id_text_en") == "See [the city](www.dortmund.de)."
        assert Notice.objects.get(pk=notice.pk).text_de == "Alt."

        page.fill("#id_text_en", "See [the city](https://www.dortmund.de).")
        page.click("input[name=_save]")
        page.wait_for_selector(".messagelist .success")

        visitor = page.context.browser.new_page(base_url=page.url.split("/admin/")[0])
        visitor.goto("/de/aktuelles/sprechstunde/")
        assert visitor.get_attribute("main a:has-text('E-Mail')", "href") == (
            "mailto:info@dortmund.de"
        )
        assert visitor.get_attribute("main a:has-text('Telefon')", "href") == "tel:+49231500"
        visitor.close()
        assert browser_log.csp_violations == [] and browser_log.errors == []

    def test_a_renamed_page_is_found_at_its_old_address(self, page, open_admin, browser_log):
        make_profile()
        notice = make_notice(slug="sommerfest", title_de="Sommerfest")
        open_admin(f"/admin/pages/notice/{notice.pk}/change/")
        page.fill("#id_slug", "sommerfest-2026")
        page.click("input[name=_save]")
        page.wait_for_selector(".messagelist .success")

        visitor = page.context.browser.new_page(base_url=page.url.split("/admin/")[0])
        for old, new in [
            ("/de/aktuelles/sommerfest/", "/de/aktuelles/sommerfest-2026/"),
            ("/en/notices/sommerfest/", "/en/notices/sommerfest-2026/"),
        ]:
            response = visitor.goto(old)
            assert response.status == 200 and visitor.url.endswith(new)
            assert response.request.redirected_from.response().status == 301
        assert "Sommerfest" in visitor.inner_text("h1")
        visitor.close()

    def test_deleting_a_linked_page_warns_and_the_report_then_lists_the_dead_link(
        self, page, open_admin, browser_log
    ):
        make_profile()
        notice = make_notice(slug="fest", title_de="Sommerfest")
        make_free_page(slug="kontakt", title_de="Kontakt", body_de="[Fest](/de/aktuelles/fest/)")
        open_admin(f"/admin/pages/notice/{notice.pk}/delete/")
        warning = page.wait_for_selector("#incoming-links")
        assert warning.is_visible()
        assert "Kontakt" in warning.inner_text() and "/de/aktuelles/fest/" in warning.inner_text()
        page.click("input[type=submit]")
        page.wait_for_selector(".messagelist .success")

        page.goto("/admin/editorial/oldaddress/")
        page.get_by_role("link", name="Links prüfen").click()
        row = page.locator("#broken-links tbody tr").first
        assert "Kontakt" in row.inner_text() and "/de/aktuelles/fest/" in row.inner_text()
        row.get_by_role("link", name="Kontakt").click()
        assert page.url.endswith("/change/")
        assert browser_log.csp_violations == [] and browser_log.errors == []


class LinkPagesAxeTests:
    def test_help_report_and_delete_warning_have_no_serious_violation(self, page, open_admin):
        make_profile()
        notice = make_notice(slug="fest", title_de="Sommerfest")
        make_free_page(slug="kontakt", title_de="Kontakt", body_de="[Fest](/de/aktuelles/fest/)")
        make_free_page(slug="alt", title_de="Alt", body_de="[Weg](/de/seite/weg/)")
        open_admin("/admin/markdown-help/")
        report = []
        for url in [
            "/admin/markdown-help/",
            "/admin/editorial/oldaddress/broken-links/",
            f"/admin/pages/notice/{notice.pk}/delete/",
        ]:
            page.goto(url)
            results = Axe().run(page, options=WCAG_21_AA).response
            report += [
                f"{url}: {violation['id']} ({violation['impact']}) {node['target']}"
                for violation in results["violations"]
                if violation["impact"] in ("serious", "critical")
                for node in violation["nodes"]
            ]
        assert report == [], "\n".join(report)
