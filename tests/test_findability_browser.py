"""What Chromium makes of the home page's schema.org data and of tools reading robots.txt."""

import json

import pytest

from .content import make_photo, make_profile

pytestmark = pytest.mark.browser


class FindabilityBrowserTests:
    def test_json_ld_is_data_the_policy_has_nothing_to_block(self, page, browser_log):
        make_profile(
            name_de="Zentrum </script><script>alert(1)</script>",
            parent_organisation_de="Stadt Dortmund",
            hero_photo=make_photo(),
        )
        page.goto("/de/")
        data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
        assert data["name"] == "Zentrum </script><script>alert(1)</script>"
        assert data["parentOrganization"]["name"] == "Stadt Dortmund"
        assert page.locator("script").count() == 1
        # Lighthouse reads /robots.txt with a fetch from inside the page: connect-src allows it.
        robots = page.evaluate("fetch('/robots.txt').then(response => response.text())")
        assert robots.startswith("User-agent: *\n")
        assert browser_log.dialogs == []
        assert browser_log.errors == []
        assert browser_log.csp_violations == []
        assert browser_log.console == []
