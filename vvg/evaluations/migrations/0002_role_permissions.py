"""Give Vertinimo koordinatoriai every permission of evaluation and Vertintojai only what scoring needs.

Evaluators get no permission on applications, assignments or decisions: Wagtail's listings, history
and reports therefore show them nothing of this app; their own views check each sheet's owner.
Names are copied, not imported, so this migration keeps working whatever happens to the code.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATORS = "Vertinimo koordinatoriai"
EVALUATORS = "Vertintojai"
EVALUATOR_CODENAMES = ["add_score", "change_score", "add_declaration"]


def grant(apps, schema_editor):
    # Permissions of the models created just before are normally made only after all migrations.
    app_config = apps.get_app_config("vvg_evaluations")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="vvg_evaluations")
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    coordinators.permissions.add(*ours)
    # Choosing an application's applicant and partners needs to see the organisations.
    coordinators.permissions.add(*Permission.objects.filter(content_type__app_label="vvg_core", codename="view_organisation"))
    evaluators, _ = Group.objects.get_or_create(name=EVALUATORS)
    evaluators.permissions.add(*ours.filter(codename__in=EVALUATOR_CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="vvg_evaluations")
    for group in Group.objects.filter(name__in=[COORDINATORS, EVALUATORS]):
        group.permissions.remove(*ours)
    for group in Group.objects.filter(name=COORDINATORS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="vvg_core", codename="view_organisation"))


class Migration(migrations.Migration):
    dependencies = [
        ("vvg_evaluations", "0001_initial"),
        ("vvg_core", "0004_organisation_measure_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
