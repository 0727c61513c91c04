"""Give the register keepers (Registrų tvarkytojai) the participant and consultation registers.

Nobody else gets them: the registers hold personal data (DESIGN.md's roles table). Group names
are copied, not imported, so this migration keeps working whatever happens to vvg.core.roles.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REGISTER_KEEPERS = "Registrų tvarkytojai"
CODENAMES = [f"{action}_{model}" for model in ("registration", "consultation") for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    # Permissions of the models created just before are normally made only after all migrations.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=REGISTER_KEEPERS)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="events", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=REGISTER_KEEPERS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="events", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("vvg_core", "0002_create_roles")]

    operations = [migrations.RunPython(grant, revoke)]
