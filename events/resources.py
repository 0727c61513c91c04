"""File formats of the participant and consultation registers, for vvg.core's generic import and export.

An exported file imports back unchanged. Rows without an id are new records (paper sign-up sheets);
a second active registration of the same e-mail for the same event is an error of that row, never
a silent merge.
"""


from django.core.exceptions import NON_FIELD_ERRORS, MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import widgets
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader

from vvg.calls.models import CallPage
from vvg.core.models import Organisation
from vvg.core.resources import ChoiceWidget, DateWidget, RegisterResource, YesNoWidget

from .choices import ACTIVE_STATUSES, Attendance, RegistrationStatus
from .models import Consultation, EventBasePage, Registration

ONE_ACTIVE_PER_EMAIL = next(
    constraint for constraint in Registration._meta.constraints if constraint.name == "events_registration_one_active_per_email"
)


class KeyWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the related record's key (page id, legal entity code); unknown keys are row errors."""

    def __init__(self, model, field, message):
        super().__init__(model, field=field)
        self.message = message
        # Records found so far, by key: a file of 10,000 registrations names a few events, not 10,000.
        # Each import works on its own copy of the resource's fields, so nothing outlives the import.
        self.found = {}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            value = value.strip()
        key = str(value)
        if key not in self.found:
            try:
                self.found[key] = super().clean(value, row, **kwargs)
            except (ObjectDoesNotExist, MultipleObjectsReturned, ValueError, TypeError):
                raise ValueError(self.message % {"value": value}) from None
        return self.found[key]


class DefaultChoiceWidget(ChoiceWidget):
    """A choice whose empty cell means the field's default (paper sheets leave such columns blank)."""

    def __init__(self, choices, default, **kwargs):
        super().__init__(choices, **kwargs)
        self.default = default

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs) or self.default


class AttendanceWidget(DefaultChoiceWidget):
    """Attendance as its key or label, or as the yes/no words of other columns: taip, ne, 1, 0."""

    def clean(self, value, row=None, **kwargs):
        word = str(value if value is not None else "").strip().casefold()
        if word in YesNoWidget.TRUE_WORDS - {""}:
            return Attendance.YES
        if word in YesNoWidget.FALSE_WORDS - {""}:
            return Attendance.NO
        return super().clean(value, row, **kwargs)


class ByIdLoader(BaseInstanceLoader):
    """A row's record by its id column: empty means a new record, an unknown id is an error."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        ids = set()
        for row in dataset.dict if dataset else []:
            try:
                ids.add(resource.fields["id"].clean(row))
            except (KeyError, ValueError):
                continue
        self.by_id = resource.get_queryset().in_bulk(ids - {None})

    def get_instance(self, row):
        if "id" not in row:
            return None
        try:
            pk = self.resource.fields["id"].clean(row)
        except ValueError:
            raise ValidationError({"id": _("Enter a whole number.")}) from None
        if pk is None:
            return None
        if pk not in self.by_id:
            raise ValidationError({"id": _("No record has this id; leave it empty to add a new one.")})
        return self.by_id[pk]


class ParticipantResource(RegisterResource):
    """Columns and rules the two registers share: the id key and the organisation by legal entity code."""

    id = Field(attribute="id", column_name="id", widget=widgets.IntegerWidget(), readonly=True)
    organisation = Field(
        attribute="organisation",
        column_name="organisation",
        widget=KeyWidget(Organisation, "legal_code", _("No organisation has the legal entity code “%(value)s”.")),
    )
    unique_columns = ("id",)

    class Meta:
        instance_loader_class = ByIdLoader

    def get_instance(self, instance_loader, row):
        return instance_loader.get_instance(row)

    def before_save_instance(self, instance, row, **kwargs):
        # Bulk saving skips Participant.save(), which takes the sector from the organisation.
        if instance.organisation_id:
            instance.sector = instance.organisation.sector


class RegistrationResource(ParticipantResource):
    event = Field(
        attribute="event",
        column_name="event",
        widget=KeyWidget(EventBasePage, "pk", _("No training or event has the id “%(value)s”.")),
    )
    status = Field(
        attribute="status", column_name="status",
        widget=DefaultChoiceWidget(RegistrationStatus.choices, default=RegistrationStatus.REGISTERED),
    )
    attended = Field(
        attribute="attended", column_name="attended", widget=AttendanceWidget(Attendance.choices, default=Attendance.UNKNOWN)
    )
    created_at = Field(attribute="created_at", column_name="created_at", widget=widgets.DateTimeWidget(), readonly=True)

    required_columns = ("event", "name")
    label_column = "name"

    class Meta:
        model = Registration
        fields = (
            "id", "event", "name", "email", "phone", "organisation", "organisation_name", "sector",
            "status", "attended", "processing_consent", "photo_consent", "created_at",
        )

    def get_queryset(self):
        return super().get_queryset().select_related("event", "organisation")

    # The event column is the page's id, which every row holds: loading each row's page (a whole
    # Wagtail page with its StreamFields) took most of the time of exporting a big register.
    def dehydrate_event(self, registration):
        return registration.event_id

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(None).select_related("organisation")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # The one-active-registration-per-e-mail constraint, checked against the database with one
        # query for the whole file instead of one per row (Django's validate_constraints).
        events = set()
        for row in dataset.dict:
            try:
                events.add(int(float(str(row.get("event", "")).strip())))
            except ValueError:
                continue
        active = Registration.objects.filter(event_id__in=events, status__in=ACTIVE_STATUSES).exclude(email="")
        self._active = {(event_id, email.lower()): pk for pk, event_id, email in active.values_list("pk", "event_id", "email")}

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        # Keys that are set came from the database through KeyWidget (so they exist) and the link token
        # is made by the model, never read from the file: checking them again costs queries per row.
        found = {name for name in ("event", "organisation") if getattr(instance, f"{name}_id") is not None}
        exclude = {*errors, *found, "cancel_token"}
        try:
            instance.full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        taken_by = self._active.get((instance.event_id, instance.email.lower()))
        collides = instance.status in ACTIVE_STATUSES and instance.email and taken_by not in (None, instance.pk)
        if collides and not {"event", "email", "status"} & set(errors):
            errors.setdefault(NON_FIELD_ERRORS, []).append(ONE_ACTIVE_PER_EMAIL.get_violation_error_message())
        if errors:
            raise ValidationError(errors)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        # The database constraint sees only saved rows; bulk saving stores the file's rows at the end.
        try:
            event = self.fields["event"].clean(row)
            email = self.fields["email"].clean(row) if "email" in row else ""
            status = self.fields["status"].clean(row) if "status" in row else RegistrationStatus.REGISTERED
        except ValueError:
            return  # import_instance() reports the bad value
        if not (event and email and status in ACTIVE_STATUSES):
            return
        number = self.file_row_number(kwargs["row_number"])
        first = self._seen.setdefault(("event-email", event.pk, email.lower()), number)
        if first != number:
            raise ValidationError({"email": _("Row %(row)s registers the same e-mail for the same event.") % {"row": first}})


class ConsultationResource(ParticipantResource):
    date = Field(attribute="date", column_name="date", widget=DateWidget())
    related_call = Field(
        attribute="related_call",
        column_name="related_call",
        widget=KeyWidget(CallPage, "pk", _("No call has the id “%(value)s”.")),
    )

    required_columns = ("date", "topic", "consultant")
    label_column = "topic"

    class Meta:
        model = Consultation
        fields = (
            "id", "date", "name", "email", "phone", "organisation", "organisation_name", "sector",
            "topic", "form", "duration_minutes", "consultant", "related_call", "note",
        )

    def get_queryset(self):
        return super().get_queryset().select_related("organisation")
