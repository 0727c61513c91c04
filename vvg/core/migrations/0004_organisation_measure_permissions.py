"""Give the roles their permissions on organisations and measures (DESIGN.md's roles table).

Register keepers maintain and import/export both registers; editors and register keepers need
to see them to choose them in page editors. Group names are copied, not imported, so this
migration keeps working whatever later happens to vvg.core.roles.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redaktoriai"
REGISTER_KEEPERS = "Registrų tvarkytojai"
GRANTS = {
    REGISTER_KEEPERS: {
        "organisation": ["add", "change", "delete", "view"],
        "measure": ["add", "change", "view"],
    },
    EDITORS: {"organisation": ["view"], "measure": ["view"]},
}


def codenames(group_name):
    return [f"{action}_{model}" for model, actions in GRANTS[group_name].items() for action in actions]


def grant(apps, schema_editor):
    # Permissions of the models created just before are normally made only after all migrations.
    app_config = apps.get_app_config("vvg_core")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name in GRANTS:
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="vvg_core", codename__in=codenames(group_name))
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="vvg_core", codename__in=codenames(group.name))
        )


class Migration(migrations.Migration):
    dependencies = [("vvg_core", "0003_organisation_measure")]

    operations = [migrations.RunPython(grant, revoke)]
