"""The Wagtail groups of DESIGN.md's roles table, in one place for migrations and tests."""

from django.utils.translation import gettext_lazy as _

EDITORS = "Redaktoriai"
REGISTER_KEEPERS = "Registrų tvarkytojai"
EVALUATION_COORDINATORS = "Vertinimo koordinatoriai"
EVALUATORS = "Vertintojai"
MONITORING = "Stebėsena"

ROLE_DESCRIPTIONS = {
    EDITORS: _("Edit and publish pages, images and documents."),
    REGISTER_KEEPERS: _("Participant and consultation registers, organisations, import and export."),
    EVALUATION_COORDINATORS: _("Applications of calls, assignments, ranking, decisions and exports."),
    EVALUATORS: _("Only their assigned applications: declaration and scores."),
    MONITORING: _("Indicators and measurements."),
}

ALL_ROLES = list(ROLE_DESCRIPTIONS)
