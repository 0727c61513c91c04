"""Seed the project's two monitoring indicators and give the Stebėsena group indicators and measurements.

Stebėsena also gets to upload and choose documents, which a measurement's evidence is. Names and
codes are copied, not imported, so this migration keeps working whatever later happens to the code.
"""

from decimal import Decimal

from django.contrib.auth.management import create_permissions
from django.db import migrations

MONITORING = "Stebėsena"
CODENAMES = [f"{action}_{model}" for model in ("indicator", "measurement") for action in ("add", "change", "delete", "view")]
DOCUMENT_CODENAMES = ["add_document", "choose_document"]

INDICATORS = [
    {
        "code": "P.B.2.0080",
        "name": "Bendruomenės inicijuotos vietos plėtros strategijos, kurioms suteikta parama",
        "name_en": "Community-led local development strategies supported",
        "unit": "strategijos",
        "unit_en": "strategies",
        "kind": "output",
        "target": Decimal(1),
        "method": "manual",
        "source_name": "",
    },
    {
        "code": "R.S.2.3034",
        "name": (
            "Pilietinės visuomenės ir privačiojo sektoriaus subjektai, dalyvavę rengiant ir (ar) įgyvendinant "
            "bendruomenės inicijuotos vietos plėtros strategijas"
        ),
        "name_en": (
            "Civil society and private sector entities that took part in preparing and/or implementing "
            "community-led local development strategies"
        ),
        "unit": "subjektai",
        "unit_en": "entities",
        "kind": "result",
        "target": Decimal(11),
        "method": "computed",
        "source_name": "participating_organisations",
    },
]


def seed(apps, schema_editor):
    Indicator = apps.get_model("vvg_indicators", "Indicator")
    for fields in INDICATORS:
        Indicator.objects.get_or_create(code=fields["code"], defaults={**fields, "baseline": Decimal(0), "is_public": True})


def unseed(apps, schema_editor):
    apps.get_model("vvg_indicators", "Indicator").objects.filter(code__in=[i["code"] for i in INDICATORS]).delete()


def grant(apps, schema_editor):
    # Permissions of the models created just before are normally made only after all migrations.
    app_config = apps.get_app_config("vvg_indicators")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group, _ = Group.objects.get_or_create(name=MONITORING)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="vvg_indicators", codename__in=CODENAMES))
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection:
        for permission in Permission.objects.filter(content_type__app_label="wagtaildocs", codename__in=DOCUMENT_CODENAMES):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection, permission=permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for group in Group.objects.filter(name=MONITORING):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="vvg_indicators", codename__in=CODENAMES)
        )
        GroupCollectionPermission.objects.filter(
            group=group, permission__content_type__app_label="wagtaildocs", permission__codename__in=DOCUMENT_CODENAMES
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("vvg_indicators", "0001_initial"),
        ("vvg_core", "0002_create_roles"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(seed, unseed), migrations.RunPython(grant, revoke)]
