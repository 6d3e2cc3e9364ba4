"""Drag and drop in the change list, as an editor does it in Chromium."""

import pytest

from goals.models import Goal

from .content import make_goal, make_masterplan

pytestmark = pytest.mark.browser


class GoalOrderingBrowserTests:
    def test_dragging_a_goal_to_the_top_reorders_the_public_page(
        self, page, open_admin, browser_log
    ):
        masterplan = make_masterplan()
        for order, text in enumerate(["Erstes Ziel", "Zweites Ziel", "Drittes Ziel"], 1):
            make_goal(masterplan=masterplan, text_de=text, order=order)
        open_admin("/admin/goals/goal/")

        handles = page.locator("div.drag.handle")
        source, target = handles.nth(2).bounding_box(), handles.nth(0).bounding_box()
        x = source["x"] + 5
        with page.expect_response(lambda r: "adminsortable2_update" in r.url) as update:
            page.mouse.move(x, source["y"] + 5)
            page.mouse.down()
            # In steps, as a hand moves: the sorting library follows pointer moves.
            for step in range(1, 11):
                page.mouse.move(x, source["y"] + 2 + (target["y"] - source["y"]) * step / 10)
                page.wait_for_timeout(30)
            page.mouse.up()
        assert update.value.status == 200

        assert list(Goal.objects.values_list("text_de", flat=True)) == [
            "Drittes Ziel",
            "Erstes Ziel",
            "Zweites Ziel",
        ]
        page.goto("/de/ziele/")
        content = page.content()
        assert content.index("Drittes Ziel") < content.index("Erstes Ziel")
        assert browser_log.errors == []
        assert browser_log.csp_violations == []
