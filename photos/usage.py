"""
Where a photo is used, found through the relations that point at Photo: a content app
that adds a photo field is covered without photos naming it.
"""

from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import Truncator, capfirst
from simple_history.models import HistoricalChanges


@dataclass
class Use:
    photo: models.Model
    obj: models.Model
    field: models.Field

    def admin_url(self):
        opts = self.obj._meta
        try:
            return reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(self.obj.pk)]
            )
        except NoReverseMatch:  # a model without an admin
            return None

    def as_html(self):
        """ "Ziel: <a>Sprachkurse für alle</a> (Foto)", linked to its change form."""
        name = Truncator(str(self.obj)).chars(80)
        if url := self.admin_url():
            name = format_html('<a href="{}">{}</a>', url, name)
        return format_html(
            "{}: {} ({})", capfirst(self.obj._meta.verbose_name), name, self.field.verbose_name
        )


def relations_to(model):
    """
    The fields of other models that point at `model`: foreign keys, one-to-one and
    many-to-many fields, also those without a reverse accessor (`related_name="+"`, which
    `_meta.related_objects` leaves out). Not the revision history: an old version that
    showed the photo does not use it, and restoring it finds the photo gone.
    """
    return [
        relation.field
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and relation.is_relation
        and not relation.related_model._meta.auto_created  # a many-to-many's own table
        and not issubclass(relation.related_model, HistoricalChanges)
    ]


def uses_of(photos):
    """Every use of each of `photos`, in the order of the photos."""
    fields = relations_to(type(photos[0])) if photos else []
    return [
        Use(photo, obj, field)
        for photo in photos
        for field in fields
        for obj in field.model._base_manager.filter(**{field.name: photo}).order_by("pk")
    ]
