from .pages import EventBasePage, EventIndexPage, EventPage, TrainingPage
from .registers import Consultation, Registration

__all__ = ["Consultation", "EventBasePage", "EventIndexPage", "EventPage", "Registration", "TrainingPage"]
