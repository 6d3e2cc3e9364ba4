from django.conf import settings
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as DjangoOTPTOTPConfig


def start_sentry():
    """Send unhandled errors to Sentry when SENTRY_DSN is set; no personal data (IPs,
    cookies) is sent."""
    if not settings.SENTRY_DSN:
        return
    import sentry_sdk

    sentry_sdk.init(
        dsn=settings.SENTRY_DSN,
        environment=settings.SENTRY_ENVIRONMENT,
        send_default_pii=False,
        traces_sample_rate=0.0,
    )


class AdminConfig(DjangoAdminConfig):
    """Django's admin, served by the site that asks staff for their second factor."""

    default_site = "miado_site.admin.AdminSite"

    def ready(self):
        super().ready()
        # Here, not in the settings, so that loading them starts nothing; every process
        # that sets Django up (Gunicorn's workers, management commands) reports. The
        # wiring's own AppConfig is the admin's (miado_site/admin.py).
        start_sentry()
        # The security contact is a duty of the operator (content_checks).
        from . import checks  # noqa: F401


class TOTPConfig(DjangoOTPTOTPConfig):
    """
    django-otp's authenticator devices, named in the editors' words: the package leaves
    its app and model names untranslated ("OTP_TOTP", "TOTP devices").
    """

    verbose_name = _("Two-factor login")

    def ready(self):
        super().ready()
        # The English names are the package's own, so its migrations see no change.
        options = self.get_model("TOTPDevice")._meta
        options.verbose_name = _("TOTP device")
        options.verbose_name_plural = _("TOTP devices")
