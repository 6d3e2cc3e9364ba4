"""The Markdown toolbar and live preview, as an editor uses them in Chromium."""

import pytest

pytestmark = pytest.mark.browser


class MarkdownEditorTests:
    def test_toolbar_formats_and_preview_shows_the_sanitised_page_html(
        self, page, open_admin, browser_log
    ):
        open_admin("/admin/pages/notice/add/")
        text = page.locator("#id_text_de")
        toolbar = text.locator("xpath=preceding-sibling::div[@class='markdown-toolbar'][1]")
        preview = text.locator("xpath=following-sibling::div[contains(@class,'markdown-preview')]")

        text.fill("Abschnitt")
        toolbar.get_by_role("button", name="Überschrift").click()
        assert text.input_value() == "# Abschnitt"

        toolbar.get_by_role("button", name="Vorschau").click()
        preview.locator("h2", has_text="Abschnitt").wait_for()

        text.fill(
            "# Abschnitt\n\n[Stadt](https://www.dortmund.de/)<script>document.title='x'</script>"
        )
        preview.locator("a.external-link").wait_for(state="attached")
        assert '<span class="visually-hidden"> (externer Link)</span>' in preview.inner_html()
        assert preview.locator("script").count() == 0
        assert page.title() != "x"
        assert browser_log.errors == []
        assert browser_log.csp_violations == []

    def test_preview_shows_a_list_with_bullets_where_the_text_starts(
        self, page, open_admin, browser_log
    ):
        open_admin("/admin/pages/notice/add/")
        text = page.locator("#id_text_de")
        toolbar = text.locator("xpath=preceding-sibling::div[@class='markdown-toolbar'][1]")
        preview = text.locator("xpath=following-sibling::div[contains(@class,'markdown-preview')]")

        text.fill("Termine:\n\n- Montag\n- Dienstag")
        toolbar.get_by_role("button", name="Vorschau").click()
        item = preview.locator("li", has_text="Montag")
        item.wait_for()

        assert item.evaluate("li => getComputedStyle(li).listStyleType") == "disc"
        # The admin's own rule indents every list in a form by 160px.
        indent = item.bounding_box()["x"] - preview.bounding_box()["x"]
        assert indent < 60, f"list item starts {indent}px into the preview"
        assert browser_log.errors == []
