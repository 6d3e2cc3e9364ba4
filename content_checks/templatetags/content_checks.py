from django import template

from ..duties import open_duties
from ..reports import is_checked, object_reports

register = template.Library()


@register.inclusion_tag("admin/content_checks/panel.html")
def content_checks_panel(obj):
    """The "Prüfungen" panel of a saved object of a translated model; nothing otherwise."""
    if obj is None or obj.pk is None or not is_checked(type(obj)):
        return {"reports": None}
    return {"reports": object_reports(obj), "model": obj._meta.label_lower, "pk": obj.pk}


@register.simple_tag
def content_duties():
    """The operator's open duties: the system checks tagged "content"."""
    return open_duties()
