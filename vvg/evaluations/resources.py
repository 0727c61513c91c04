"""The file format of a call's applications, as the national system lists them, for vvg.core's import.

A row's call (by its number, e.g. "Nr. 2") and registration number find the application to update,
so an exported file imports back as "unchanged". The applicant is found by legal entity code, else
by exact name; an unknown applicant is the row's error (add the organisation first).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import widgets
from import_export.fields import Field

from vvg.calls.models import CallPage
from vvg.core.models import Organisation
from vvg.core.resources import DateTimeWidget, RegisterResource

from .models import Application


class CallNumberWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(CallPage, field="number")

    def clean(self, value, row=None, **kwargs):
        number = str(value).strip() if value is not None else ""
        if not number:
            return None
        calls = list(CallPage.objects.filter(number=number)[:2])
        if len(calls) != 1:
            raise ValueError(_("No single call has the number “%(number)s”.") % {"number": number})
        return calls[0]


class ApplicantWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Organisation, field="legal_code")

    def clean(self, value, row=None, **kwargs):
        text = str(int(value) if isinstance(value, float) and value.is_integer() else value or "").strip()
        if not text:
            return None
        found = list(Organisation.objects.filter(legal_code=text)[:1]) or list(
            Organisation.objects.filter(name__iexact=text)[:2]
        )
        if len(found) != 1:
            raise ValueError(_("No single organisation has the legal entity code or name “%(value)s”.") % {
                "value": text
            })
        return found[0]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value.legal_code or value.name


class ApplicationResource(RegisterResource):
    call = Field(attribute="call", column_name="call", widget=CallNumberWidget())
    applicant = Field(attribute="applicant", column_name="applicant", widget=ApplicantWidget())
    received_at = Field(attribute="received_at", column_name="received_at", widget=DateTimeWidget())

    required_columns = ("call", "number", "applicant", "title", "requested_amount", "total_amount", "received_at")
    label_column = "number"

    class Meta:
        model = Application
        fields = ("call", "number", "applicant", "title", "requested_amount", "total_amount", "received_at")

    def get_queryset(self):
        return super().get_queryset().select_related("call", "applicant")

    def get_instance(self, instance_loader, row):
        """The application of the row's call with its number; a bad call is the row's error, not the file's."""
        try:
            call = self.fields["call"].clean(row)
        except ValueError as error:
            raise ValidationError({"call": str(error)})
        number = self.fields["number"].clean(row) if "number" in row else None
        if call is None or not number:
            return None
        return self.get_queryset().filter(call=call, number=number).first()

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._seen_keys = {}

    def before_save_instance(self, instance, row, **kwargs):
        # Rows are saved in bulk at the end, so the database cannot catch one key repeated within the file.
        number = self.file_row_number(kwargs["row_number"])
        first = self._seen_keys.setdefault((instance.call_id, instance.number), number)
        if first != number:
            message = _("Row %(row)s already has this registration number in this call.")
            raise ValidationError(message % {"row": first})
