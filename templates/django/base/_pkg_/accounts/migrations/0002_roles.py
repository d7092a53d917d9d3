"""The roles of the HTTP contract as groups with permissions (RBAC-4).

A frozen copy of roles.ROLE_PERMISSIONS: a later change to that table needs a new migration.
"""

from django.db import migrations

PERMISSIONS = {
    "api_read": "Can read through the API",
    "api_write": "Can create and change through the API",
    "api_delete": "Can delete through the API",
}
ROLES = {
    "viewer": ["api_read"],
    "editor": ["api_read", "api_write"],
    "admin": ["api_read", "api_write", "api_delete"],
}


def create_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="apiaccess")
    permissions = {
        codename: Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS.items()
    }
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([permissions[codename] for codename in codenames])


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
