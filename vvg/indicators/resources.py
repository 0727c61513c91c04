"""The file format of measurements for vvg.core's all-or-nothing import and export.

A row is one indicator's value on one date: the indicator's code and the date find the
measurement to update, so an exported file imports back as "unchanged".
"""


from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import widgets
from import_export.fields import Field

from vvg.core.resources import DateWidget, RegisterResource

from .models import Indicator, Measurement


class IndicatorCodeWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Indicator, field="code")

    def clean(self, value, row=None, **kwargs):
        code = str(value).strip() if value is not None else ""
        if not code:
            return None
        try:
            return super().clean(code, row, **kwargs)
        except Indicator.DoesNotExist:
            raise ValueError(_("No indicator has the code “%(code)s”.") % {"code": code})


class MeasurementResource(RegisterResource):
    indicator = Field(attribute="indicator", column_name="indicator", widget=IndicatorCodeWidget())
    date = Field(attribute="date", column_name="date", widget=DateWidget())

    required_columns = ("indicator", "date", "value")
    label_column = "indicator"

    class Meta:
        model = Measurement
        fields = ("indicator", "date", "value", "source", "note")

    def get_queryset(self):
        return super().get_queryset().select_related("indicator")

    def get_instance(self, instance_loader, row):
        """The measurement of the row's indicator on its date; a bad key is the row's error, not the file's."""
        keys = {}
        for column in ("indicator", "date"):
            try:
                keys[column] = self.fields[column].clean(row)
            except ValueError as error:
                raise ValidationError({column: str(error)})
        if None in keys.values():
            return None  # validation of the new measurement then names the missing value
        return self.get_queryset().filter(**keys).first()

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._seen_keys = {}

    def before_save_instance(self, instance, row, **kwargs):
        # Rows are saved in bulk at the end, so the database cannot catch one key repeated within the file.
        number = self.file_row_number(kwargs["row_number"])
        first = self._seen_keys.setdefault((instance.indicator_id, instance.date), number)
        if first != number:
            raise ValidationError(_("Row %(row)s already gives this indicator's value on this date.") % {"row": first})
        if instance.pk is None:
            instance.entered_by = kwargs.get("user")
