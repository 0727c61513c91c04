from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Trainings, events and their registrations; the participant and consultation registers."""

    name = "events"
    verbose_name = _("Trainings and events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
