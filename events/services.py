"""The rules of the participant register: seats, the waiting list, cancellation and personal data.

Seats are counted inside a transaction that first locks the event's row, so concurrent
registrations for the last seats are taken one after the other: never more registered than the
capacity. PostgreSQL locks the row (SELECT … FOR UPDATE). SQLite has no row locks: the workers'
registrations take turns on a file lock (`writers_in_turn`), and a transaction that still conflicts
(another writer) fails with "database is locked" and is retried from the start, reading the counts again.
"""

import contextlib
import fcntl
import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core import signing
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from wagtail.log_actions import log

from vvg.core.conf import vvg_setting

from .choices import ACTIVE_STATUSES, Attendance, RegistrationStatus
from .models import Consultation, EventBasePage, Registration
from .tasks import send_registration_email

logger = logging.getLogger(__name__)

SQLITE_ATTEMPTS = 12
CANCEL_SALT = "events.registration"


class RegistrationError(Exception):
    """A registration that cannot be made; the message is for the person registering."""


class RegistrationClosed(RegistrationError):
    pass


class AlreadyRegistered(RegistrationError):
    pass


class EventStarted(RegistrationError):
    pass


@dataclass
class Applicant:
    """What a person gives when registering (the public form or a keeper)."""

    name: str
    email: str
    phone: str = ""
    organisation: object = None  # vvg_core.Organisation or None
    organisation_name: str = ""
    sector: str = ""
    processing_consent: bool = False
    photo_consent: bool = False


def run_serialised(operation):
    """On SQLite: run `operation` (which opens its own transaction) in turn with the other writers of the
    database file, and again when SQLite still reports a lock conflict (another writer, say the e-mail
    worker). Inside an outer transaction a retry could not start over, so the error is left to the caller.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return operation()
    with writers_in_turn(str(connection.settings_dict["NAME"])):
        for attempt in range(SQLITE_ATTEMPTS):
            try:
                return operation()
            except OperationalError as error:
                # "database is locked", or "database table is locked" for a shared-cache in-memory database
                if "locked" not in str(error) or attempt == SQLITE_ATTEMPTS - 1:
                    raise
                time.sleep(random.uniform(0, min(0.02 * 2**attempt, 1.0)))


@contextlib.contextmanager
def writers_in_turn(database_file):
    """Registrations of all the host's worker processes write to the SQLite file one after another, each
    woken the moment the one before is done.

    SQLite's own wait for its write lock polls with growing sleeps (1, 2, 5, 10 … 100 ms): in a rush
    the process that just committed takes the lock again before a sleeping one looks, and the others
    starve. A lock on a file beside the database queues them in the kernel instead. In-memory
    databases (the tests) have no file and no other process.
    """
    if database_file == ":memory:" or database_file.startswith("file:") or "mode=memory" in database_file:
        yield
        return
    with open(database_file + ".writers", "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


# What the rules below read of a locked event: whether registration is open, the seats, the start (and
# the title, which Wagtail's log asks for). Loading only these keeps the locked part of a registration short.
LOCKED_EVENT_FIELDS = (
    "title", "live", "start", "capacity", "registration_enabled", "registration_opens", "registration_closes",
)


def _lock_event(event_pk):
    """The event, its row locked until the transaction ends (a no-op on SQLite, see the module doc)."""
    return EventBasePage.objects.select_for_update(of=("self",)).only(*LOCKED_EVENT_FIELDS).get(pk=event_pk)


def _registered_count(event):
    return event.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def _notify(registration, kind):
    """Send the e-mail through the task framework: queued in this very transaction when the queue is a
    table of this database (django-tasks-db: the e-mail exists if and only if the registration commits,
    and no second write follows), else once the transaction has committed (the immediate backend sends
    at once)."""
    enqueue = partial(send_registration_email.enqueue, registration.pk, str(kind))
    if type(send_registration_email.get_backend()).__module__.startswith("django_tasks_db"):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def register(event, applicant, now=None):
    """Register `applicant` for `event`: a seat while there is one, else the waiting list.

    Raises RegistrationClosed or AlreadyRegistered; the person is e-mailed either way it succeeds.
    """

    def attempt():
        with transaction.atomic():
            locked = _lock_event(event.pk)
            if not locked.registration_is_open(now):
                raise RegistrationClosed
            has_seat = locked.capacity is None or _registered_count(locked) < locked.capacity
            status = RegistrationStatus.REGISTERED if has_seat else RegistrationStatus.WAITLISTED
            # The database's unique constraint (one active registration per e-mail in any letter case and
            # event) is the check for a second registration: no query of its own while the event is locked.
            # No savepoint around the insert either: a violation ends this whole transaction anyway.
            try:
                registration = Registration.objects.create(
                    event=locked,
                    status=status,
                    created_at=now or timezone.now(),
                    name=applicant.name,
                    email=applicant.email,
                    phone=applicant.phone,
                    organisation=applicant.organisation,
                    organisation_name="" if applicant.organisation else applicant.organisation_name,
                    sector=applicant.sector,
                    processing_consent=applicant.processing_consent,
                    photo_consent=applicant.photo_consent,
                )
            except IntegrityError:
                raise AlreadyRegistered from None
            log(instance=registration, action="wagtail.create")  # by the public form: no user
            _notify(registration, status)
            return registration

    return run_serialised(attempt)


def fill_free_seats(event, now=None):
    """Move people from the waiting list to free seats, first come first served; returns them.

    Called inside a transaction holding the event's lock; nobody is promoted once the event has started.
    """
    now = now or timezone.now()
    if event.start <= now:
        return []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk")
    if event.capacity is not None:
        free = event.capacity - _registered_count(event)
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status"])
        log(instance=registration, action="events.promote")
        _notify(registration, "promoted")
    return promoted


def promote_waiting(event):
    """Fill seats freed by a larger capacity (called when an event page is published)."""

    def attempt():
        with transaction.atomic():
            return fill_free_seats(_lock_event(event.pk))

    return run_serialised(attempt)


def _signature(token):
    return signing.Signer(salt=CANCEL_SALT).signature(token)


def registration_link_args(registration):
    """The secret parts of a registration's link: its random token and the token's signature by the site's key.

    Two path segments, since Wagtail's page addresses allow only letters, digits, "-" and "_".
    """
    return [registration.cancel_token, _signature(registration.cancel_token)]


def registration_for_link(event, token, signature):
    """The registration a link names, or None when the link was altered or is not for this event."""
    if not constant_time_compare(_signature(token), signature):
        return None
    return Registration.objects.filter(event=event, cancel_token=token).first()


def cancel(registration, now=None):
    """Cancel a registration; a freed seat goes to the first person on the waiting list.

    Returns the people promoted. Raises EventStarted once the event has begun: attendance is on record.
    """
    now = now or timezone.now()

    def attempt():
        with transaction.atomic():
            event = _lock_event(registration.event_id)
            current = Registration.objects.get(pk=registration.pk)
            if current.status == RegistrationStatus.CANCELLED:
                return []
            if event.start <= now:
                raise EventStarted
            current.status = RegistrationStatus.CANCELLED
            current.cancelled_at = now
            current.save(update_fields=["status", "cancelled_at"])
            log(instance=current, action="events.cancel")
            return fill_free_seats(event, now)

    return run_serialised(attempt)


def waiting_position(registration):
    """1 for the first person on the waiting list, and so on; None if not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    earlier = Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
    return registration.event.registrations.filter(earlier, status=RegistrationStatus.WAITLISTED).count() + 1


def event_counts(queryset=None):
    """Events with `registered`, `waitlisted` and `attended_count` annotated, newest first, for the admin."""
    queryset = EventBasePage.objects.all() if queryset is None else queryset
    return queryset.annotate(
        registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)),
        waitlisted=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
        attended_count=Count("registrations", filter=Q(registrations__attended=Attendance.YES)),
    ).order_by("-start")


def mark_attendance(event, marks):
    """Set attendance from {registration pk: Attendance value} for registrations of `event`; returns the count."""
    changed = 0
    for registration in event.registrations.filter(pk__in=marks).exclude(status=RegistrationStatus.CANCELLED):
        value = marks[registration.pk]
        if registration.attended != value:
            registration.attended = value
            registration.save(update_fields=["attended"])
            log(instance=registration, action="events.attendance", data={"attended": value})
            changed += 1
    return changed


# Personal data: what the privacy notice promises.


def retention_days():
    return vvg_setting("REGISTRATION_RETENTION_DAYS")


def _anonymise(queryset, now):
    model = queryset.model
    return queryset.filter(anonymised_at__isnull=True).update(
        **{name: "" for name in model.PERSONAL_FIELDS}, anonymised_at=now
    )


def anonymise_expired_registrations(now=None):
    """Blank the personal data of registrations for events that ended more than the retention period ago.

    Status, attendance, organisation and sector stay, so counts and indicators do not change.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days())
    return _anonymise(Registration.objects.filter(event__end__lt=cutoff), now)


def find_person(email):
    """Registrations and consultations recorded with this e-mail address (any letter case)."""
    email = (email or "").strip()
    if not email:
        return Registration.objects.none(), Consultation.objects.none()
    return (
        Registration.objects.filter(email__iexact=email, anonymised_at__isnull=True),
        Consultation.objects.filter(email__iexact=email, anonymised_at__isnull=True),
    )


def erase_person(email, now=None):
    """Anonymise everything recorded about the person with this e-mail; returns (registrations, consultations)."""
    now = now or timezone.now()
    registrations, consultations = find_person(email)
    with transaction.atomic():
        # An erased person no longer holds a seat in an event still to come.
        upcoming = list(registrations.filter(event__start__gt=now, status__in=ACTIVE_STATUSES))
        erased = [*registrations, *consultations]
        result = (_anonymise(registrations, now), _anonymise(consultations, now))
        for record in erased:
            log(instance=record, action="events.erase")
    for registration in upcoming:
        cancel(registration, now)
    return result
