from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin, served by the site that asks staff for their second factor."""

    default_site = "miado_site.admin.AdminSite"
