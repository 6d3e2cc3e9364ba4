from django.db import migrations

# Fixed here rather than imported, so the migration stays as it was written.
GROUP_NAMES = ["Redaktion", "Übersetzung"]


def create_groups(apps, schema_editor):
    # Their permissions are set by editorial.roles.sync_role_permissions after every migrate,
    # once Django has created the permissions of all models.
    Group = apps.get_model("auth", "Group")
    for name in GROUP_NAMES:
        Group.objects.get_or_create(name=name)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("pages", "0006_revision_history"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
