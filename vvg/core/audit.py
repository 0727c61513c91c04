"""The audit trail of the registers: who changed which record and when, never the personal data itself.

Wagtail keeps it: every model is logged with ModelLogEntry, which the admin's "Site history"
report shows to superusers. Its entries keep a label, normally str(instance): for a participant
that is the person's name, which would outlive the erasure or anonymisation of the record. Models
registered here are labelled "Registration #12" instead, whichever code writes the entry (the
registers' own services, modeladmin's create/edit/delete views, imports).
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

IMPORT_ACTION = "vvg_core.import"
LOG_ACTIONS = {
    IMPORT_ACTION: (_("Import from a file"), _("Imported from a file")),
}

_personal_models = set()


def register_actions(actions, definitions):
    """Add an app's log actions, {action: (label, message)}, to Wagtail's registry (the register_log_actions hook)."""
    for action, (label, message) in definitions.items():
        actions.register_action(action, label, message)


def keep_personal_data_out_of_log(*models):
    """Label the log entries of these models by their kind and id only."""
    _personal_models.update(model._meta.concrete_model._meta.label_lower for model in models)


def neutral_label(model, object_id):
    return f"{model._meta.verbose_name} #{object_id}"


def _is_personal(model):
    return model is not None and model._meta.concrete_model._meta.label_lower in _personal_models


def _scrub_label(sender, instance, **kwargs):
    if not instance._state.adding:
        return
    model = instance.content_type.model_class()
    if _is_personal(model):
        instance.label = neutral_label(model, instance.object_id)


def connect():
    pre_save.connect(_scrub_label, sender=ModelLogEntry, dispatch_uid="vvg_core_scrub_log_label")


def log_import(changes, user=None):
    """One entry per record an import created or changed; `changes` is (instance, kind, file row).

    Written in bulk (a file may have thousands of rows), with one uuid, so the history shows one action.
    """
    action_uuid, now = uuid.uuid4(), timezone.now()
    # Worked out once per model, not per row: the content type, and whether labels must stay neutral.
    content_types, neutral = {}, {}
    entries = []
    for instance, kind, row in changes:
        if instance.pk is None:
            continue
        model = type(instance)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model, for_concrete_model=False)
            neutral[model] = neutral_label(model, "") if _is_personal(model) else None  # the label less the id
        entries.append(ModelLogEntry(
            content_type=content_types[model],
            object_id=str(instance.pk),
            label=f"{neutral[model]}{instance.pk}" if neutral[model] else str(instance),
            action=IMPORT_ACTION,
            timestamp=now,
            user=user,
            uuid=action_uuid,
            data={"change": kind, "row": row},
        ))
    ModelLogEntry.objects.bulk_create(entries, batch_size=500)
