import logging
import re
from datetime import UTC

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve

from goals.models import Masterplan

from . import renditions, search
from .forms import AccessibilityFeedbackForm
from .models import (
    AgencyProfile,
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    Photo,
    SignLanguagePage,
    SignLanguageVideo,
    languages_of_any,
    site_languages,
)
from .rich_text import render_markdown

logger = logging.getLogger(__name__)


def last_updated(*shown):
    """
    When the content a page shows last changed, for its "Last updated" line: the newest
    `updated_at` among the objects and lists given (None where there are none).

    Give it the very querysets the template iterates: they run once, here, and the
    template reuses their rows, so the line costs no query.
    """
    times = []
    for item in shown:
        items = item if hasattr(item, "__iter__") else [item]
        times += [obj.updated_at for obj in items if getattr(obj, "updated_at", None)]
    return max(times, default=None)


# The `*_content()` functions below say what a page shows, with the languages its content
# exists in and when it last changed: its view renders them, and the sitemap lists the
# page from the same answer (pages/sitemaps.py).


def list_page_content(objects):
    """A list's languages and date: those of the rows on this page of it."""
    return {"content_languages": languages_of_any(objects), "last_updated": last_updated(objects)}


def home_content():
    # The profile is this page's content, so its change time counts; fetched here in
    # place of the context processor's lazy copy, which then never queries.
    profile = AgencyProfile.objects.select_related("hero_photo").first()
    masterplan = Masterplan.objects.first()
    focus_areas = FocusArea.objects.published()
    goals = masterplan.goals.all() if masterplan else []
    notices = Notice.objects.published()[:3]
    return {
        "site_profile": profile,
        "content_languages": profile.content_languages() if profile else site_languages(),
        "focus_areas": focus_areas,
        "masterplan": masterplan,
        "goals": goals,
        "notices": notices,
        "last_updated": last_updated(
            profile, profile and profile.hero_photo, focus_areas, masterplan, goals, notices
        ),
    }


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**home_content(), **kwargs)


def may_preview(request, model):
    """Staff who may view a model in the admin also see its unpublished content on the site."""
    user = request.user
    opts = model._meta
    return user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


class PreviewMixin:
    """
    Shows staff what the public cannot (yet, or any longer) see, marked as a preview:
    a banner, noindex, and never stored by any cache. The public still gets a 404.
    """

    model = None
    preview = False

    def get_queryset(self):
        if may_preview(self.request, self.model):
            return self.model.objects.all()
        return self.model.objects.published()

    def get_context_data(self, **kwargs):
        # Never stored by any cache: only logged-in staff see previews, and the page cache
        # marks every response for a logged-in user private.
        return super().get_context_data(preview=self.preview, **kwargs)


class PreviewDetailMixin(PreviewMixin):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        # Only staff can reach here with an object the one public rule does not show.
        if may_preview(self.request, self.model):
            self.preview = not self.model.objects.published().filter(pk=obj.pk).exists()
        return obj


class FocusAreaListView(PreviewMixin, ListView):
    model = FocusArea
    template_name = "pages/focus_area_list.html"
    context_object_name = "focus_areas"

    def get_context_data(self, **kwargs):
        self.preview = any(not area.published for area in self.object_list)
        return super().get_context_data(**list_page_content(self.object_list), **kwargs)


class NoticeListView(ListView):
    template_name = "pages/notice_list.html"
    context_object_name = "notices"
    paginate_by = 10

    def get_queryset(self):
        # Per request, never at import: what is published depends on the clock.
        return Notice.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The notices on this page of the list, the same rows the template shows.
        context.update(list_page_content(context["notices"]))
        return context


class LastUpdatedMixin:
    """A detail page is as new as its object."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("last_updated", last_updated(self.object))
        return super().get_context_data(**kwargs)


class NoticeDetailView(LastUpdatedMixin, PreviewDetailMixin, DetailView):
    model = Notice
    template_name = "pages/notice_detail.html"
    context_object_name = "notice"
    extra_context = {"og_type": "article"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(content_languages=self.object.content_languages(), **kwargs)


class FreePageDetailView(LastUpdatedMixin, PreviewDetailMixin, DetailView):
    model = FreePage
    template_name = "pages/free_page.html"
    context_object_name = "page"

    def get_context_data(self, **kwargs):
        if self.object.shows_feedback_form:
            # Beside the form the page names the enforcement body, from the agency profile:
            # part of what it shows, so the profile's changes count for its date too.
            profile = AgencyProfile.objects.select_related("hero_photo").first()
            kwargs.update(
                feedback_form=AccessibilityFeedbackForm(),
                site_profile=profile,
                last_updated=last_updated(self.object, profile),
            )
        return super().get_context_data(content_languages=self.object.content_languages(), **kwargs)


class PictureCreditsView(TemplateView):
    """
    The Bildnachweis: every photo record, with its credit, role and licence.

    Every record, not only the photos some page uses: a photo listed here is shown
    here too, with its credit beside it, so no photo reaches the public uncredited,
    and the rule needs to know nothing about which pages use photos.
    """

    template_name = "pages/picture_credits.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**picture_credits_content(), **kwargs)


def picture_credits_content():
    # Interface text around the photos' credits, which are names and need no translation.
    photos = list(Photo.objects.all())
    return {"photos": photos, "last_updated": last_updated(photos)}


RATE_LIMIT_SECONDS = 60 * 60


def over_rate_limit(request, email):
    """
    Count a report against its client address and its e-mail address; True once either
    has sent more than ACCESSIBILITY_FEEDBACK_PER_HOUR within the hour.

    The counters live in the "counters" cache (shared by all workers) under keyed hashes,
    so neither address is stored.
    The client address is read as the login lockout reads it (DJANGO_PROXY_COUNT).
    """
    counted = [("email", email.strip().lower())]
    address = get_client_ip_address(request)
    # No address (a proxy set-up that does not match DJANGO_PROXY_COUNT): no counter,
    # rather than one that all visitors would share and soon fill.
    if address:
        counted.append(("address", address))
    counters = caches["counters"]
    over = False
    for kind, value in counted:
        key = "feedback-rate:" + salted_hmac(f"feedback-rate:{kind}", value).hexdigest()
        try:
            counters.add(key, 0, RATE_LIMIT_SECONDS)
            try:
                count = counters.incr(key)
            except ValueError:  # expired between add() and incr()
                counters.set(key, 1, RATE_LIMIT_SECONDS)
                count = 1
        except OSError:
            # A data folder that cannot be written: the report matters more than the count.
            logger.warning("Cannot count barrier reports in %s.", settings.DATA_DIR)
            count = None
        # A cache that is away (Redis with IGNORE_EXCEPTIONS) answers None: let it through.
        over = over or (count or 0) > settings.ACCESSIBILITY_FEEDBACK_PER_HOUR
    return over


def mail_feedback(request, feedback):
    """Pass a stored report on by e-mail; a mail that cannot be sent is logged, never raised."""
    recipient = settings.ACCESSIBILITY_FEEDBACK_EMAIL
    if not recipient:
        logger.info(
            "Accessibility feedback %s stored; not mailed, as "
            "DJANGO_ACCESSIBILITY_FEEDBACK_EMAIL is not set.",
            feedback.pk,
        )
        return
    admin_url = request.build_absolute_uri(
        reverse("admin:pages_accessibilityfeedback_change", args=[feedback.pk])
    )
    # For the agency's staff, in the site's source language, whatever the visitor's.
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Accessibility feedback from the website")
        details = [
            (gettext("Name"), feedback.name or "–"),
            (gettext("E-mail"), feedback.email),
            (gettext("Page"), feedback.page or "–"),
            (gettext("Language"), feedback.language),
            (gettext("Received"), date_format(localtime(feedback.created_at), "DATETIME_FORMAT")),
        ]
        body = "\n".join(
            [
                gettext("A visitor reported a barrier with the form on the website."),
                "",
                *(f"{label}: {value}" for label, value in details),
                "",
                feedback.message,
                "",
                gettext("In the admin: %(url)s") % {"url": admin_url},
            ]
        )
    message = EmailMessage(subject, body, to=[recipient], reply_to=[feedback.email])
    try:
        message.send()
    except Exception:
        # Whatever fails in the mail (server down, refused, misconfigured), the report is
        # stored and listed in the admin, and the visitor is told it arrived.
        logger.exception("Accessibility feedback %s stored, but mailing it failed.", feedback.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def accessibility_feedback(request):
    """
    The form for reporting a barrier (BITV 2.0 § 7), at its own address so it is there
    even while the accessibility statement is a draft. With the free page that shows the
    form, the only public page that sets a cookie: the CSRF cookie its form needs.
    Post/Redirect/Get to the thank-you page.
    """
    status = 200
    if request.method == "POST":
        form = AccessibilityFeedbackForm(request.POST)
        if form.is_spam():
            # Looks sent to the robot, which learns nothing; nothing is stored or mailed.
            logger.info("Accessibility feedback discarded: the honeypot field was filled in.")
            return redirect("pages:accessibility-feedback-thanks")
        if form.is_valid():
            if over_rate_limit(request, form.cleaned_data["email"]):
                form.add_error(
                    None,
                    gettext(
                        "You have sent several reports within the last hour. Please try "
                        "again in an hour; your text is still in the form."
                    ),
                )
                status = 429
            else:
                feedback = form.save(commit=False)
                feedback.language = translation.get_language()
                feedback.save()
                mail_feedback(request, feedback)
                return redirect("pages:accessibility-feedback-thanks")
    else:
        form = AccessibilityFeedbackForm()
    response = render(
        request,
        "pages/accessibility_feedback.html",
        {
            "form": form,
            "statement": FreePage.objects.published().filter(shows_feedback_form=True).first(),
            **accessibility_feedback_content(),
        },
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(RATE_LIMIT_SECONDS)
    return response  # private: it sets the CSRF cookie (pages/cache.py)


def accessibility_feedback_content():
    # A form of interface text; the enforcement body beside it is the profile's editable
    # content. With its photo, which the page's Open Graph image is.
    profile = AgencyProfile.objects.select_related("hero_photo").first()
    return {"site_profile": profile, "last_updated": last_updated(profile)}


class AccessibilityFeedbackThanksView(TemplateView):
    template_name = "pages/accessibility_feedback_thanks.html"


def search_results(request):
    """The site search: a plain GET form, results ranked and quoted with the words marked."""
    query, shortened = search.clean_query(request.GET.get("q", ""))
    page = Paginator(search.search(query) if query else [], 20).get_page(request.GET.get("page"))
    response = render(
        request,
        "pages/search.html",
        {
            "query": query,
            "shortened": shortened,
            "max_length": search.MAX_QUERY_LENGTH,
            "page_obj": page,
            "results": search.present(page.object_list, query),
        },
    )
    # One page per query string would push the site's pages out of the page cache, and
    # what a citizen searched for is their own business: no shared cache keeps it.
    patch_cache_control(response, private=True, no_cache=True)
    return response


class EasyReadView(TemplateView):
    """The site in Leichte Sprache (BITV 2.0 § 4)."""

    template_name = "pages/easy_read.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**easy_read_content(), **kwargs)


def easy_read_content():
    page = EasyReadPage.objects.first()
    return {
        "page": page,
        "content_languages": page.content_languages() if page else None,
        "last_updated": last_updated(page),
    }


class SignLanguageView(TemplateView):
    """Videos in German Sign Language with their transcripts (BITV 2.0 § 4)."""

    template_name = "pages/sign_language.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**sign_language_content(), **kwargs)


def sign_language_content():
    page = SignLanguagePage.objects.first()
    videos = SignLanguageVideo.objects.published()
    return {
        "page": page,
        "videos": videos,
        "content_languages": page.content_languages() if page else None,
        "last_updated": last_updated(page, videos),
    }


# Largest part of a file one ranged response carries. Browsers ask for `bytes=N-` and take
# what comes, so each answer stays short and no worker streams a whole video for minutes.
MAX_RANGE_LENGTH = 8 * 1024 * 1024
SINGLE_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
UNSATISFIABLE = "unsatisfiable"


def requested_range(header, size):
    """(first, last) byte of a single `Range: bytes=…` header, UNSATISFIABLE, or None.

    None means "send the whole file": several ranges or a malformed one, which RFC 9110
    (section 14.2) lets a server ignore.
    """
    match = SINGLE_RANGE.fullmatch(header.replace(" ", ""))
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the final N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            return UNSATISFIABLE
        first, last = max(size - suffix, 0), size - 1
    else:
        first = int(first)
        if last and int(last) < first:
            return None
        if first >= size:
            return UNSATISFIABLE
        last = min(int(last), size - 1) if last else size - 1
    return first, min(last, first + MAX_RANGE_LENGTH - 1)


def partial(response, request):
    """The part of a whole-file response that the request's Range header asks for.

    Safari plays video only from a server that answers ranges; Django's static.serve
    does not (ticket #22479), and the packages that add it are unmaintained since 2017.
    """
    header = request.headers.get("Range")
    if response.status_code != 200 or not header or request.method not in ("GET", "HEAD"):
        return response
    if_range = request.headers.get("If-Range")
    if if_range and if_range != response.get("Last-Modified"):
        return response  # the file changed since the client's first part: send all of it
    size = int(response["Content-Length"])
    wanted = requested_range(header, size)
    if wanted is None:
        return response
    if wanted == UNSATISFIABLE:
        response.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    first, last = wanted
    file = response.file_to_stream
    file.seek(first)
    ranged = HttpResponse(file.read(last - first + 1), status=206)
    response.close()
    for header_name in ("Content-Type", "Last-Modified", "Content-Encoding"):
        if header_name in response:
            ranged[header_name] = response[header_name]
    ranged["Content-Range"] = f"bytes {first}-{last}/{size}"
    return ranged


def media(request, path):
    """Uploads in the embedded default; a web server or object storage takes over at scale."""
    response = partial(serve(request, path, document_root=settings.MEDIA_ROOT), request)
    response["Accept-Ranges"] = "bytes"
    if path.startswith(f"{renditions.FOLDER}/"):
        # Named by a hash of their content: a new image gets new names, so these never change.
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = f"public, max-age={settings.MEDIA_MAX_AGE}"
    return response


def markdown_preview(request):
    """What the public page will show for the Markdown in an admin textarea: staff only."""
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    language = request.POST.get("language")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_markdown(request.POST.get("text", ""))
    return HttpResponse(html, content_type="text/html; charset=utf-8")


def security_txt(request):
    """RFC 9116: where to report a vulnerability. Without a configured contact there is none."""
    contact = settings.SECURITY_TXT_CONTACT
    expires = settings.SECURITY_TXT_EXPIRES
    if not contact or not expires:
        raise Http404("No security contact is configured.")
    if "@" in contact and ":" not in contact:
        contact = f"mailto:{contact}"
    expires_at = parse_datetime(expires)  # settings.py checked that it parses
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}",
        f"Preferred-Languages: {', '.join(code for code, _name in settings.LANGUAGES)}",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def robots_txt(request):
    """Every public page may be crawled; the sitemap lists them with their languages."""
    lines = ["User-agent: *"]
    # Only the default address: a custom DJANGO_ADMIN_URL is kept out of sight, not announced.
    if settings.ADMIN_URL == "admin/":
        lines.append("Disallow: /admin/")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
