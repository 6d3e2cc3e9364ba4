import logging

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.mail import EmailMessage
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView
from django_ratelimit.core import is_ratelimited

from .forms import AccessibilityFeedbackForm
from .models import AccessibilityFeedback

logger = logging.getLogger(__name__)


RATE_LIMIT_SECONDS = 60 * 60


def over_rate_limit(request, email):
    """
    Count a report against its client address and its e-mail address; True once either
    has sent more than ACCESSIBILITY_FEEDBACK_PER_HOUR within the hour.

    django-ratelimit keeps the counts in the "counters" cache (RATELIMIT_USE_CACHE, shared
    by all workers). Each address is counted by a keyed hash: a plain hash of an IPv4
    address is undone by trying all four billion.
    The client address is read as the login lockout reads it (DJANGO_PROXY_COUNT).
    """
    counted = {"email": email.strip().lower()}
    address = get_client_ip_address(request)
    # No address (a proxy set-up that does not match DJANGO_PROXY_COUNT): no counter,
    # rather than one that all visitors would share and soon fill.
    if address:
        counted["address"] = address
    over = False
    for kind, value in counted.items():
        group = f"feedback-rate:{kind}"
        keyed = salted_hmac(group, value).hexdigest()
        try:
            # Both are counted, even once one is over.
            over |= is_ratelimited(
                request,
                group=group,
                key=lambda group, request, keyed=keyed: keyed,
                rate=f"{settings.ACCESSIBILITY_FEEDBACK_PER_HOUR}/{RATE_LIMIT_SECONDS}s",
                increment=True,
            )
        except OSError:
            # A data folder that cannot be written: the report matters more than the count.
            # (A cache that is away lets it through too: RATELIMIT_FAIL_OPEN.)
            logger.warning("Cannot count barrier reports in %s.", settings.DATA_DIR)
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
        reverse("admin:feedback_accessibilityfeedback_change", args=[feedback.pk])
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
            return redirect("feedback:thanks")
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
                AccessibilityFeedback.objects.purge_expired()
                mail_feedback(request, feedback)
                return redirect("feedback:thanks")
    else:
        form = AccessibilityFeedbackForm()
    response = render(
        request,
        "feedback/accessibility_feedback.html",
        # Beside the form: the accessibility statement and the enforcement body, both the
        # site's own content, which the template asks for (includes/accessibility_*.html).
        {"form": form},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(RATE_LIMIT_SECONDS)
    return response  # private: it sets the CSRF cookie (editorial/page_cache.py)


class AccessibilityFeedbackThanksView(TemplateView):
    template_name = "feedback/accessibility_feedback_thanks.html"
