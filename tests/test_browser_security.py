"""What a real browser does with the site's policies and with hostile content."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from editorial.page_cache import bump_content_version
from goals.models import Goal, Masterplan
from pages.models import AgencyProfile, FocusArea, FreePage, Notice
from photos.models import Photo

from .conftest import require_chromium
from .content import image_upload, make_notice
from .public_pages import internal_links, make_public_site, public_pages

pytestmark = pytest.mark.browser


def log_in(page, username, password):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit][value]")


class BrowserFixtureTests:
    def test_a_missing_chromium_fails_the_test_instead_of_skipping_it(self):
        with pytest.raises(pytest.fail.Exception, match="make test"):
            require_chromium(Path("/nonexistent/chromium"))


class AdminUnderItsPolicyTests:
    def test_the_tabbed_translation_admin_works_without_a_csp_violation(self, page, browser_log):
        get_user_model().objects.create_superuser("redaktion", "r@example.org", "Lang-genug-2026!")
        notice = make_notice(title_en="Notice")
        log_in(page, "redaktion", "Lang-genug-2026!")
        page.goto(f"/admin/pages/notice/{notice.pk}/change/")
        tabs = page.locator(".ui-tabs-nav a")
        assert tabs.count() >= 2, page.content()[:2000]
        tabs.filter(has_text="en").first.click()
        assert page.locator("#id_title_en").is_visible()
        assert not page.locator("#id_title_de").is_visible()
        assert browser_log.csp_violations == []
        assert browser_log.errors == []


PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    'x" onmouseover="alert(9)',
    '"><script>alert(2)</script>',
    "'><svg onload=alert(3)>",
    "[klick](javascript:alert(4))",
    '<a href="javascript:alert(5)">x</a>',
    "</title></textarea><iframe src=javascript:alert(6)>",
    '</script><script type="application/ld+json">{}</script><script>alert(7)</script>',
]
HOSTILE_URL = 'https://example.org/?q="><svg/onload=alert(8)>'
# In a feed or sitemap, markup of a payload would show as a raw tag.
RAW_TAG = re.compile(r"<(?:img src=x|script|svg|iframe)", re.IGNORECASE)


class InjectionFinder(HTMLParser):
    """Elements and attributes in raw HTML that would run script, as a browser parses it."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"iframe", "object", "embed", "svg"} or (
            tag == "script" and attributes.get("type") != "application/ld+json"
        ):
            self.found.append(tag)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if (
                name.startswith("on")
                or value.startswith("javascript:")
                or (tag, value)
                == (
                    "img",
                    "x",
                )
            ):
                self.found.append(f"{tag} {name}={value}")


def injections(html):
    finder = InjectionFinder()
    finder.feed(html)
    return finder.found


INJECTED = (
    'script:not([type="application/ld+json"]), iframe, object, embed, svg[onload], '
    'img[src="x"], [onerror], [onload], a[href^="javascript:" i]'
)
CONTENT_MODELS = [Photo, Masterplan, AgencyProfile, Goal, FocusArea, Notice, FreePage]


# Links the admin refuses on saving (editorial/links.py); they still reach the database
# from before that check, or from a restored backup, so the pages must keep them inert too.
ADMIN_REFUSED = ("javascript:", "data:")


def payload(max_length=None, payloads=PAYLOADS):
    """As many of the payloads as the field can hold, and at least the shortest."""
    text = ""
    for item in sorted(payloads, key=len):
        candidate = f"{text} {item}".strip()
        if max_length and len(candidate) > max_length:
            break
        text = candidate
    return text or payloads[0][:max_length]


ACCEPTED_PAYLOADS = [item for item in PAYLOADS if not any(s in item for s in ADMIN_REFUSED)]


def hostile_form_data(model, user, stored):
    """A value for every field of the model's admin form; every text field gets payloads."""
    request = RequestFactory().get("/admin/")
    request.user = user
    form = admin.site._registry[model].get_form(request)()
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.ImageField):
            data[name] = image_upload("xss.jpg")
        elif isinstance(field, forms.SlugField):
            data[name] = f"xss-{model._meta.model_name}"
        elif isinstance(field, forms.EmailField):
            data[name] = "xss@example.org"
        elif isinstance(field, forms.URLField):
            data[name] = HOSTILE_URL
        elif isinstance(field, forms.BooleanField):
            data[name] = "on"
        elif isinstance(field, forms.IntegerField):
            data[name] = "1"
        elif isinstance(field, forms.ModelChoiceField):
            related = stored.get(field.queryset.model)
            data[name] = related.pk if related else ""
        elif isinstance(field, forms.ChoiceField):
            data[name] = next(value for value, _label in field.choices if value)
        elif isinstance(field, forms.CharField):
            data[name] = payload(field.max_length, ACCEPTED_PAYLOADS)
    return data


def store_every_payload(obj, data):
    """
    Every payload, also those the admin refuses, written as a restore or an older release
    would have: past the form's checks, into each text column the form filled.
    """
    columns = {
        name: payload(obj._meta.get_field(name).max_length)
        for name, value in data.items()
        if value == payload(obj._meta.get_field(name).max_length, ACCEPTED_PAYLOADS)
    }
    type(obj).objects.filter(pk=obj.pk).update(**columns)
    bump_content_version()
    obj.refresh_from_db()
    return obj


class HostileContentTests:
    """Script and markup stored in every editable text field stay inert on every public page."""

    def store_payloads_through_the_admin(self):
        user = get_user_model().objects.create_superuser("redaktion", "r@example.org", "x" * 20)
        client = Client()
        client.force_login(user)
        stored = {}
        for model in CONTENT_MODELS:
            opts = model._meta
            data = hostile_form_data(model, user, stored)
            response = client.post(f"/admin/{opts.app_label}/{opts.model_name}/add/", data)
            errors = (
                response.context["adminform"].form.errors if response.status_code == 200 else ""
            )
            assert response.status_code == 302, (model, errors)
            stored[model] = store_every_payload(model.objects.get(), data)
        return client, stored

    def test_every_public_page_renders_the_payloads_inert(self, page, browser_log):
        client, stored = self.store_payloads_through_the_admin()
        assert "<img src=x onerror=alert(1)>" in stored[Notice].title_en
        assert stored[Photo].source_url == HOSTILE_URL
        visitor = Client()
        queue, seen, html_pages = ["/de/", "/en/", "/robots.txt", "/sitemap.xml"], set(), []
        while queue and len(seen) < 200:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            response = visitor.get(url, follow=True)
            assert response.status_code < 500, url
            if response.streaming:
                continue  # a static file or an upload, not rendered content
            content = response.content.decode(errors="replace")
            if response["Content-Type"].startswith("text/html"):
                assert injections(content) == [], url
            else:
                assert not RAW_TAG.search(content), url
            if response["Content-Type"].startswith("text/html") and response.status_code == 200:
                html_pages.append(url)
                queue.extend(internal_links(url, content))
            elif response.status_code == 200 and url.endswith(".xml"):
                queue.extend(re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", content))
        # Home, focus areas, goals, news, the notice and the free page in both languages.
        assert len(html_pages) >= 12, html_pages
        for url in html_pages:
            page.goto(url)
            assert page.locator(INJECTED).count() == 0, url
        assert "<img src=x onerror=alert(1)>" in page.locator("body").inner_text()
        page.goto(stored[Notice].get_absolute_url())
        assert "<img src=x onerror=alert(1)>" in page.locator("h1").inner_text()
        assert browser_log.dialogs == []
        assert browser_log.errors == []
        assert browser_log.csp_violations == [], "nothing even tried to run"


def without_token(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)


class NothingButThePageTests:
    """A visit downloads the page and nothing else: no script needed, no other host asked."""

    def test_every_public_page_works_without_javascript_and_asks_no_other_host(
        self, chromium, live_server, page
    ):
        make_public_site()
        urls = public_pages()
        without_script = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
        requested = []
        for context in [page.context, without_script]:
            context.on("request", lambda request: requested.append(request.url))
        plain_tab = without_script.new_page()
        try:
            for url in urls:
                page.goto(url)
                plain_tab.goto(url)
                main = plain_tab.locator("main")
                assert main.inner_text() == page.locator("main").inner_text(), url
                # Each visit gets its own CSRF token in a form; everything else is the same.
                assert without_token(main.inner_html()) == without_token(
                    page.locator("main").inner_html()
                ), url
                assert plain_tab.title() == page.title(), url
        finally:
            without_script.close()
        own_host = urlsplit(live_server.url).netloc
        web_requests = [url for url in requested if urlsplit(url).scheme in {"http", "https"}]
        assert [url for url in web_requests if urlsplit(url).netloc != own_host] == []
        # The recording works: it saw the pages, their stylesheet and the photos.
        assert len(web_requests) >= 2 * len(urls)
        assert any("/static/css/" in url for url in web_requests)
        assert any("/media/" in url for url in web_requests)
