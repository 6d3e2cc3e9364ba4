"""The admin site: two-factor login with django-otp, optional unless settings demand it."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm


def needs_second_factor(user):
    return settings.ADMIN_REQUIRE_2FA or user_has_device(user)


class TwoFactorAuthenticationForm(OTPAdminAuthenticationForm):
    """Asks for the code; staff without a device may do without unless it is mandatory."""

    otp_token = forms.CharField(
        label=_("One-time code"),
        required=False,
        help_text=_("The six digits from your authenticator app, if you have set one up."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 8}
        ),
    )
    # In the editors' language and form of address (django-otp's own German says "du").
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("Please enter the one-time code from your authenticator app."),
        "invalid_token": _("This one-time code is not correct. Please check it and try again."),
        "n_failed_attempts": ngettext_lazy(
            "The code was wrong %(failure_count)d time; please wait a moment and try again.",
            "The code was wrong %(failure_count)d times; please wait a moment and try again.",
            "failure_count",
        ),
        "verification_not_allowed": _("Please wait a moment before entering a code again."),
    }

    def _chosen_device(self, user):
        # Editors have one authenticator app: use it rather than ask them to pick it.
        return super()._chosen_device(user) or next(devices_for_user(user), None)

    def clean_otp(self, user):
        if user is not None and not needs_second_factor(user):
            return
        if user is not None and settings.ADMIN_REQUIRE_2FA and not user_has_device(user):
            raise forms.ValidationError(
                _(
                    "Logging in to the admin needs a second factor, and this account has "
                    "none yet. Please ask the site's administrators to set one up."
                ),
                code="device_required",
            )
        super().clean_otp(user)


class AdminSite(admin.AdminSite):
    site_header = _("MIA-DO-KI website")
    site_title = _("MIA-DO-KI website")
    index_title = _("Content")
    login_form = TwoFactorAuthenticationForm
    login_template = "admin/login_two_factor.html"

    # The editors' work first, in the order they need it; Django's own and the login
    # lockout's sections after it, alphabetically as Django lists them.
    CONTENT_FIRST = ["pages", "goals", "photos", "feedback", "editorial"]

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        rank = {label: position for position, label in enumerate(self.CONTENT_FIRST)}
        return sorted(apps, key=lambda app: rank.get(app["app_label"], len(rank)))

    def has_permission(self, request):
        # A session counts only if it was verified by a code wherever one is needed.
        user = request.user
        return super().has_permission(request) and (
            user.is_verified() or not needs_second_factor(user)
        )


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: the admin's own page, in German."""
    context = {
        **admin.site.each_context(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "admin/lockout.html", context, status=429)
