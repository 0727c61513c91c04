"""System checks of the plugin's settings: a wrong VVG setting stops `manage.py check` with a clear message."""

import difflib

from django.conf import settings
from django.core import checks

from .conf import OPTIONS, SETTING_NAME

CONTEXT_PROCESSOR = "vvg.core.context_processors.vvg"
ID_BY_KIND = {"type": "vvg.E003", "value": "vvg.E004"}


def _context_processor_installed():
    return any(
        CONTEXT_PROCESSOR in engine.get("OPTIONS", {}).get("context_processors", [])
        for engine in settings.TEMPLATES
        if engine.get("BACKEND") == "django.template.backends.django.DjangoTemplates"
    )


def _explicit_values():
    """(name as the settings module spells it, key, value) of every plugin setting the site sets."""
    values = getattr(settings, SETTING_NAME, {})
    return [(f"{SETTING_NAME}[{key!r}]", key, value) for key, value in values.items()]


@checks.register(checks.Tags.compatibility)
def check_vvg_settings(app_configs=None, **kwargs):
    values = getattr(settings, SETTING_NAME, {})
    if not isinstance(values, dict):
        return [
            checks.Error(
                f"The {SETTING_NAME} setting must be a dict, not {type(values).__name__}.",
                hint=f'For example {SETTING_NAME} = {{"REGISTRATION_RETENTION_DAYS": 730}}.',
                id="vvg.E001",
            )
        ]
    errors = []
    for spelled, key, value in _explicit_values():
        if key not in OPTIONS:
            close = difflib.get_close_matches(str(key), OPTIONS, n=1)
            errors.append(
                checks.Error(
                    f"{spelled} is not a setting of the vvg plugin.",
                    hint=(f"Did you mean {close[0]!r}? " if close else "") + "Known keys: " + ", ".join(OPTIONS) + ".",
                    id="vvg.E002",
                )
            )
            continue
        problem = OPTIONS[key].validate(value)
        if problem:
            kind, expected = problem
            errors.append(
                checks.Error(
                    f"{spelled} must be {expected}, not {value!r}.",
                    hint=OPTIONS[key].help.capitalize() + ".",
                    id=ID_BY_KIND[kind],
                )
            )
    for key in OPTIONS:
        if hasattr(settings, f"{SETTING_NAME}_{key}"):
            errors.append(
                checks.Warning(
                    f"The setting {SETTING_NAME}_{key} is not read.",
                    hint=f"Set {SETTING_NAME}[{key!r}] instead.",
                    id="vvg.W002",
                )
            )
    if "BASE_TEMPLATE" in values and not _context_processor_installed():
        errors.append(
            checks.Warning(
                f"{SETTING_NAME}['BASE_TEMPLATE'] is set but the plugin's pages cannot see it.",
                hint=f'Add "{CONTEXT_PROCESSOR}" to TEMPLATES[...]["OPTIONS"]["context_processors"].',
                id="vvg.W001",
            )
        )
    return errors
