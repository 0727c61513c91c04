from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Trainings, events and their registrations; the participant and consultation registers."""

    name = "events"
    verbose_name = _("Trainings and events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from vvg.core.audit import keep_personal_data_out_of_log
        from vvg.core.cache import invalidate_on_change

        from . import signals
        from .models import Consultation, Registration

        signals.connect()
        keep_personal_data_out_of_log(Registration, Consultation)
        # Seats left (event pages, lists, the home page) and the indicators' counts come from these.
        invalidate_on_change(Registration, Consultation, activity=True)
