"""
The admin as editors and translators use it with a keyboard or a screen reader, in
Chromium: reordering without a mouse, and axe-core on every admin page they work with.

Every content model's admin is checked by itself (`pages_for`: list, change form, history,
add form). Any other admin page is checked once its URL is in `OTHER_PAGES`; pages that
only a form post shows (errors shown again) get a step in `AdminAxeTests`.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from editorial.registry import content_models
from editorial.roles import TRANSLATORS
from feedback.models import AccessibilityFeedback
from goals.models import Goal
from pages.models import Notice, SignLanguageVideo
from photos.models import Photo

from .content import make_goal, make_masterplan
from .public_pages import make_public_site
from .test_easy_read_and_sign_language import make_video

pytestmark = pytest.mark.browser

# WCAG 2.1 A/AA, as on the public pages, plus axe's best practices (landmarks, headings).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
# What the issue asks for: none of these. Moderate and minor findings are printed (-s).
BLOCKING = {"serious", "critical"}
# Admin pages beside the content models' own, as (URL, who opens it: "editor"/"both").
OTHER_PAGES = [
    ("/admin/", "both"),
    ("/admin/editorial/translationstate/", "both"),
]
MAX_TABS = 200


def axe_findings(page, browser_log=None):
    """
    axe-core's findings on the loaded page: (impact, one readable line per element).
    What the page itself broke of its Content-Security-Policy before axe ran (axe-core
    sets inline styles while it measures) is reported as a finding too.
    """
    page.wait_for_load_state("load")
    csp = [
        ("critical", f"{page.url}: CSP: {message}")
        for message in (browser_log.csp_violations if browser_log else [])
    ]
    results = Axe().run(page, options=AXE_OPTIONS).response
    if browser_log:
        browser_log.console.clear()
    return csp + [
        (
            violation["impact"],
            f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"    {node['target']} {node['html'][:200]}",
        )
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def blocking(findings):
    others = [line for impact, line in findings if impact not in BLOCKING]
    if others:
        print("\nLeft (moderate/minor):\n" + "\n".join(others))
    return [line for impact, line in findings if impact in BLOCKING]


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def content_admin_models():
    """Every content model with an admin of its own (history models have none)."""
    return [model for model in content_models() if model in admin.site._registry]


def make_one_of_each():
    """The seed content, plus one item of each content model the seed leaves empty."""
    make_public_site()
    make_video()
    AccessibilityFeedback.objects.create(
        email="besucherin@example.org", message="Der Kontrast ist zu schwach.", language="de"
    )


def pages_for(user):
    """Index, overview, and each content model's list, change form, history and add form."""
    request = RequestFactory().get("/admin/")
    request.user = user
    translator = user.groups.filter(name=TRANSLATORS).exists()
    urls = [url for url, who in OTHER_PAGES if who == "both" or not translator]
    for model in content_admin_models():
        model_admin = admin.site._registry[model]
        if not model_admin.has_view_or_change_permission(request):
            continue
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"make_one_of_each() makes no {model._meta.label}"
        urls.append(admin_url(model, "changelist"))
        urls += [admin_url(model, "change", obj.pk), admin_url(model, "history", obj.pk)]
        if model_admin.has_add_permission(request):
            urls.append(admin_url(model, "add"))
    return urls


def log_in(page, username, password):
    page.set_extra_http_headers({"Accept-Language": "de"})
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("input[type=submit]")


def scan(page, urls, browser_log):
    findings = []
    for url in urls:
        browser_log.console.clear()
        response = page.goto(url)
        assert response.status == 200, url
        findings += axe_findings(page, browser_log)
    return findings


class AdminAxeTests:
    def test_the_pages_editors_use_have_no_serious_or_critical_violation(
        self, page, open_admin, browser_log, tmp_path
    ):
        make_one_of_each()
        open_admin("/admin/")
        urls = pages_for(get_user_model().objects.get(username="redaktion"))
        findings = scan(page, urls, browser_log)

        # Change forms shown again with an upload error: a photo and a video.
        not_a_file = tmp_path / "datei.jpg"
        not_a_file.write_text("<html>keine Datei</html>")
        for model, field in [(Photo, "#id_image"), (SignLanguageVideo, "#id_video")]:
            page.goto(admin_url(model, "change", model.objects.first().pk))
            page.set_input_files(field, str(not_a_file))
            with page.expect_navigation():
                page.click("input[name=_save]")
            assert page.locator(".errorlist").first.is_visible(), model
            findings += axe_findings(page, browser_log)
        # A PO import with errors, and the login page with a wrong password.
        page.goto("/admin/editorial/translationstate/")
        page.set_input_files("#id_file", str(not_a_file))
        with page.expect_navigation():
            page.click("#content-main form input[type=submit]")
        findings += axe_findings(page, browser_log)
        page.context.clear_cookies()
        page.goto("/admin/login/")
        findings += axe_findings(page, browser_log)
        page.fill("#id_username", "redaktion")
        page.fill("#id_password", "falsch")
        with page.expect_navigation():
            page.click("input[type=submit]")
        assert page.locator(".errornote").is_visible()
        findings += axe_findings(page, browser_log)

        report = blocking(findings)
        assert report == [], f"{len(report)} violations:\n" + "\n".join(report)
        # Each kind of page was really scanned: singletons, sortable lists, history.
        assert any(url.startswith("/admin/pages/agencyprofile/") for url in urls)
        assert "/admin/goals/goal/" in urls and any(url.endswith("/history/") for url in urls)
        assert browser_log.errors == []

    def test_the_pages_translators_use_have_no_serious_or_critical_violation(
        self, page, browser_log
    ):
        make_one_of_each()
        translator = get_user_model().objects.create_user(
            "uebersetzung", password="Lang-genug-2026!", is_staff=True
        )
        translator.groups.add(Group.objects.get(name=TRANSLATORS))
        log_in(page, "uebersetzung", "Lang-genug-2026!")
        urls = pages_for(translator)

        findings = scan(page, urls, browser_log)
        # The translator's form shown again with an error, beside the German source.
        page.goto(admin_url(Notice, "change", Notice.objects.first().pk))
        # Past the box's maxlength, as a restored draft would be.
        page.eval_on_selector("#id_title_en", "el => { el.value = 'x'.repeat(201) }")
        with page.expect_navigation():
            page.click("input[name=_save]")
        assert page.locator(".errorlist").first.is_visible()
        findings += axe_findings(page, browser_log)
        report = blocking(findings)

        assert report == [], f"{len(report)} violations:\n" + "\n".join(report)
        assert any(url.startswith("/admin/pages/agencyprofile/") for url in urls)
        assert not any(url.endswith("/add/") for url in urls)
        assert browser_log.errors == []

    def test_a_violation_in_the_admin_is_reported(self, page, open_admin):
        # The scan must be able to fail: an unnamed select, as the language switch was.
        open_admin("/admin/")
        page.evaluate("document.querySelector('#content').append(document.createElement('select'))")
        assert any("select-name (critical)" in line for line in blocking(axe_findings(page)))


def focused_is(page, role, name):
    """Whether the focused element is the one with this role and accessible name."""
    return page.get_by_role(role, name=name, exact=True).evaluate(
        "element => element === document.activeElement"
    )


def tab_to(page, role, name):
    """Press Tab until the element with this role and accessible name has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.get_by_role(role, name=name, exact=True).count() and focused_is(page, role, name):
            return
    raise AssertionError(f"Tab never reached {role} {name!r}")


def description(page):
    """What a screen reader reads after the focused element's name (aria-describedby)."""
    return page.evaluate(
        """() => (document.activeElement.getAttribute('aria-describedby') || '')
            .split(' ').filter(Boolean)
            .map(id => document.getElementById(id).textContent.trim()).join(' ')"""
    )


class KeyboardReorderTests:
    def test_an_editor_moves_a_goal_to_the_top_with_tab_and_enter_only(
        self, page, open_admin, browser_log
    ):
        masterplan = make_masterplan()
        for order, text in enumerate(["Erstes Ziel", "Zweites Ziel", "Drittes Ziel"], 1):
            make_goal(masterplan=masterplan, text_de=text, order=order)
        open_admin("/admin/goals/goal/")

        tab_to(page, "button", "„Drittes Ziel“ nach oben verschieben")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        # Focus stays on the same button, which now says where the goal is.
        assert focused_is(page, "button", "„Drittes Ziel“ nach oben verschieben")
        assert description(page) == "„Drittes Ziel“ steht jetzt an Position 2 von 3."
        with page.expect_navigation():
            page.keyboard.press("Enter")
        # At the top there is no way further up: focus moves to the way back down.
        assert focused_is(page, "button", "„Drittes Ziel“ nach unten verschieben")
        assert description(page) == "„Drittes Ziel“ steht jetzt an Position 1 von 3."

        assert list(Goal.objects.values_list("text_de", flat=True)) == [
            "Drittes Ziel",
            "Erstes Ziel",
            "Zweites Ziel",
        ]
        page.goto("/de/ziele/")
        content = page.content()
        assert content.index("Drittes Ziel") < content.index("Erstes Ziel")
        assert content.index("Erstes Ziel") < content.index("Zweites Ziel")
        assert browser_log.errors == [] and browser_log.csp_violations == []


class LanguageTabKeyboardTests:
    def test_an_editor_opens_the_english_tab_and_types_with_the_keyboard_only(
        self, page, open_admin, browser_log
    ):
        open_admin("/admin/pages/focusarea/add/")
        titles = page.get_by_role("tablist", name="Titel: Sprachen")
        german = titles.get_by_role("tab", name="DE – Deutsch", exact=True)
        english = titles.get_by_role("tab", name="EN – Englisch", exact=True)

        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            if german.evaluate("tab => tab === document.activeElement"):
                break
        else:
            raise AssertionError("Tab never reached the German tab of the title")
        page.keyboard.press("ArrowRight")
        assert english.evaluate("tab => tab === document.activeElement")
        page.keyboard.press("Enter")
        assert english.get_attribute("aria-selected") == "true"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "id_title_en"
        page.keyboard.type("Education")
        # Still so a moment later (a tab that loads its panel anew would empty it).
        page.wait_for_timeout(500)
        assert page.input_value("#id_title_en") == "Education"
        assert page.evaluate("document.activeElement.id") == "id_title_en"
        # A mouse still switches tabs, and nothing typed is lost.
        german.click()
        page.wait_for_timeout(500)
        assert page.locator("#id_title_de").is_visible()
        assert page.input_value("#id_title_en") == "Education"
        # Each tab is one control: no link inside it that takes focus as well.
        assert page.locator("[role=tab] a[href], [role=tab] [tabindex]").count() == 0
        assert page.get_by_role("combobox", name="Sprache aller Felder").count() == 1
        assert browser_log.errors == [] and browser_log.csp_violations == []

    def test_a_tab_whose_field_has_an_error_says_so(self, page, open_admin):
        open_admin("/admin/pages/focusarea/add/")
        page.fill("#id_title_de", "Ein Schwerpunkt")
        page.fill("#id_text_de", "Text")
        page.eval_on_selector("#id_title_en", "el => { el.value = 'x'.repeat(201) }")
        with page.expect_navigation():
            page.click("input[name=_save]")
        titles = page.get_by_role("tablist", name="Titel: Sprachen")
        assert titles.get_by_role("tab", name="EN – Englisch, enthält Fehler").count() == 1
        assert titles.get_by_role("tab", name="DE – Deutsch", exact=True).count() == 1
