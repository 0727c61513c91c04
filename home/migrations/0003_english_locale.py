"""English as the site's second content language: its Wagtail locale, and editors may translate pages.

Here in the site's `home` app rather than in the plugin (vvg.core): which languages a site offers is the
host site's choice (LANGUAGES, WAGTAIL_CONTENT_LANGUAGES), and so is using Wagtail's simple translation;
another VVG installing the plugin must not get an English locale or a dependency on that app. The
existing page tree keeps its Lithuanian ("lt") locale.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ENGLISH = "en"
EDITORS = "Redaktoriai"  # vvg.core.roles.EDITORS; migrations do not import app code that may change


def add_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code=ENGLISH)

    # Permissions are normally created after all migrations; the editors need this one now.
    app_config = apps.get_app_config("simple_translation")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    submit = Permission.objects.get(content_type__app_label="simple_translation", codename="submit_translation")
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.add(submit)


def remove_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    # A locale that still holds pages stays: removing it would delete them (on_delete=PROTECT refuses anyway).
    if not Page.objects.filter(locale__language_code=ENGLISH).exists():
        Locale.objects.filter(language_code=ENGLISH).delete()
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    submit = Permission.objects.filter(content_type__app_label="simple_translation", codename="submit_translation")
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.remove(*submit)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("vvg_core", "0002_create_roles"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_english, remove_english)]
