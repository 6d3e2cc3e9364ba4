from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from editorial.page_content import language_name

from .reports import (
    SORT_KEYS,
    checked_models,
    field_values,
    is_checked,
    kind,
    language_reports,
    localized_names,
    object_file_names,
    site_rows,
)


def admin_url(obj):
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


COLUMNS = [
    ("object", _("Content")),
    ("kind", _("Type")),
    ("language", _("Language")),
    ("words", _("Words")),
    ("score", _("Readability")),
    ("hints", _("Hints")),
]


def report_context(request):
    """The rows of the report as the query asks: ?language=en&kind=pages.notice&o=-words."""
    languages = [(code, language_name(code)) for code, _name in settings.LANGUAGES]
    kinds = [(kind(model), str(model._meta.verbose_name_plural)) for model in checked_models()]
    language = request.GET.get("language")
    language = language if language in dict(languages) else None
    kind_label = request.GET.get("kind")
    kind_label = kind_label if kind_label in dict(kinds) else None
    order = request.GET.get("o", "")
    field_name = order.removeprefix("-")
    rows = site_rows(language, kind_label)
    if field_name in SORT_KEYS:
        rows.sort(key=SORT_KEYS[field_name], reverse=order.startswith("-"))
    for row in rows:
        row.url = admin_url(row.obj)
    columns = []
    for name, label in COLUMNS:
        sorted_now = "ascending" if order == name else "descending" if order == f"-{name}" else ""
        query = {
            "language": language,
            "kind": kind_label,
            "o": f"-{name}" if order == name else name,
        }
        columns.append(
            {
                "label": label,
                "url": "?" + urlencode({key: value for key, value in query.items() if value}),
                "aria_sort": sorted_now,
            }
        )
    return {
        "rows": rows,
        "languages": languages,
        "kinds": kinds,
        "language": language,
        "kind": kind_label,
        "columns": columns,
    }


def content_report(request):
    """Admin → Inhaltsprüfung: every published text with its scores and open hints."""
    context = {
        **admin.site.each_context(request),
        "title": gettext("Content check"),
        **report_context(request),
    }
    return TemplateResponse(request, "admin/content_checks/report.html", context)


def checks_preview(request):
    """
    The panel's language reports for the text as typed in the change form, before it is
    saved: the form's fields, over the saved object's for any the form does not send (a
    translator's read-only German). Staff only; it reads no other object.
    """
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        model = apps.get_model(request.POST.get("content_checks_model", ""))
    except (LookupError, ValueError):
        model = None
    if model is None or not is_checked(model):
        return HttpResponseBadRequest()
    opts = model._meta
    if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}") and not (
        request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    ):
        raise PermissionDenied
    pk = request.POST.get("content_checks_pk", "")
    obj = model._default_manager.filter(pk=pk).first() if pk.isdigit() else None
    values = field_values(obj) if obj is not None else {}
    values.update(
        {name: request.POST[name] for name in localized_names(model) if name in request.POST}
    )
    reports = language_reports(model, values, object_file_names(obj) if obj else ())
    return TemplateResponse(
        request,
        "admin/content_checks/language_reports.html",
        {"reports": reports, "id_suffix": "-preview"},
    )
