"""Editors (Redaktoriai) choose the promoted results of common searches (Wagtail's search promotions).

The group name is copied, not imported, so this migration keeps working whatever later happens to
vvg.core.roles. The same permissions open the search terms report (search/permissions.py).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redaktoriai"
CODENAMES = ["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"]


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="wagtailsearchpromotions", codename__in=CODENAMES)


def grant(apps, schema_editor):
    # Permissions are normally made only after all migrations have run.
    app_config = apps.get_app_config("wagtailsearchpromotions")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITORS)
    group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name=EDITORS):
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_documenttext"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("vvg_core", "0002_create_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
