"""E-mails to participants, sent through Django's task framework (django-tasks) rather than in the request.

The tasks take only ids, so any task backend can store them; the immediate backend runs them at once.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task

# The e-mails run on this task backend when the site's TASKS defines it, so a site can queue them for a
# worker while Wagtail's own tasks stay immediate (this site's production settings); else on the default
# backend, so a site without a TASKS setting needs nothing.
EMAIL_TASK_BACKEND = "emails"

TEMPLATES = {
    "registered": "events/email/registered.txt",
    "waitlisted": "events/email/waitlisted.txt",
    "promoted": "events/email/promoted.txt",
}


@task(
    backend=EMAIL_TASK_BACKEND if EMAIL_TASK_BACKEND in getattr(settings, "TASKS", {}) else DEFAULT_TASK_BACKEND_ALIAS
)
def send_registration_email(registration_id, kind):
    """Tell the person about their registration: registered, on the waiting list, or moved up to a seat."""
    from .models import Registration
    from .services import registration_link_args, waiting_position

    # One query for all the e-mail shows: the e-mails read only fields every kind of event has, so the
    # event need not be loaded again as its specific page type.
    registration = Registration.objects.select_related("event__locale").filter(pk=registration_id).first()
    if registration is None or not registration.email:
        return False  # deleted or erased meanwhile: nobody to write to
    event = registration.event
    event_url = event.get_full_url() or ""
    context = {
        "registration": registration,
        "event": event,
        "event_url": event_url,
        "registration_url": event_url + event.reverse_subpage("registration", args=registration_link_args(registration)),
        "position": waiting_position(registration),
    }
    with translation.override(event.locale.language_code):
        body = render_to_string(TEMPLATES[kind], context)
        subject, _, text = body.strip().partition("\n")
        send_mail(subject.strip(), text.strip() + "\n", None, [registration.email])
    return True
