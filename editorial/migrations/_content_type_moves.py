"""
Content types follow a model that moves to another app: what points at them (translation
states, admin log entries, permissions) keeps pointing at the same model. Used by the
migrations that moved models out of `pages`; a leading underscore keeps Django's
migration loader from taking this module for a migration.
"""

from django.db import migrations


def move_content_types(old_app_label, new_app_label, model_names):
    """A reversible migration step: rename the content types of `model_names`."""

    def forward(apps, schema_editor):
        rename(apps, schema_editor.connection.alias, old_app_label, new_app_label, model_names)

    def backward(apps, schema_editor):
        rename(apps, schema_editor.connection.alias, new_app_label, old_app_label, model_names)

    return migrations.RunPython(forward, backward)


def rename(apps, alias, source, target, model_names):
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(alias)
    for name in model_names:
        moving = content_types.filter(app_label=source, model=name).first()
        if moving is None:
            continue
        # A twin under the new label exists when old code saved during the upgrade, or
        # when a `migrate` in between made one: what it holds joins the moving type.
        twin = content_types.filter(app_label=target, model=name).first()
        if twin is not None:
            merge(apps, alias, twin, moving)
            content_types.filter(pk=twin.pk).delete()
        content_types.filter(pk=moving.pk).update(app_label=target)


def merge(apps, alias, twin, keeper):
    """Point every row that refers to `twin` at `keeper`; where the keeper has the same row
    already (a unique constraint), the keeper's stays."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in apps.get_models():
        if model is Permission:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is ContentType:
                rows = model._base_manager.using(alias)
                for unique in unique_field_sets(model, field.name):
                    others = [name for name in unique if name != field.name]
                    kept = rows.filter(**{field.name: keeper})
                    for values in kept.values(*others) if others else [{}] * kept.exists():
                        rows.filter(**{field.name: twin}, **values).delete()
                rows.filter(**{field.name: twin}).update(**{field.name: keeper})
    # Groups and users keep what the twin's permissions gave them, by the same codename.
    permissions = Permission.objects.using(alias)
    for old in permissions.filter(content_type=twin):
        new = permissions.filter(content_type=keeper, codename=old.codename).first()
        if new is None:
            old.content_type = keeper
            old.save(update_fields=["content_type"])
            continue
        for relation in Permission._meta.related_objects:
            if relation.many_to_many:
                through = relation.through.objects.using(alias)
                permission_field = relation.field.m2m_reverse_field_name()
                owner_field = relation.field.m2m_field_name()
                for link in through.filter(**{permission_field: old}):
                    through.get_or_create(
                        **{owner_field: getattr(link, owner_field), permission_field: new}
                    )


def unique_field_sets(model, field_name):
    """The unique field sets of `model` that include `field_name`."""
    sets = [tuple(fields) for fields in model._meta.unique_together]
    sets += [
        tuple(constraint.fields)
        for constraint in model._meta.constraints
        if getattr(constraint, "fields", None) and constraint.condition is None
    ]
    return [fields for fields in sets if field_name in fields]
