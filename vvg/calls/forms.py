"""The filters of the calls listing: a GET form, so they work without JavaScript and can be linked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vvg.core.widgets import FastSelect

from . import services
from .choices import CallStatus


class CallFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, widget=FastSelect, choices=[("", _("All statuses"))] + CallStatus.choices
    )
    measure = forms.ModelChoiceField(
        label=_("Measure"),
        queryset=None,
        required=False,
        widget=FastSelect,
        to_field_name="code",
        empty_label=_("All measures"),
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, widget=FastSelect, coerce=int, empty_value=None)

    def __init__(self, data, *, measures, years):
        super().__init__(data)
        self.fields["measure"].queryset = measures
        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]

    @property
    def is_filtered(self):
        return self.is_valid() and any(value for value in self.cleaned_data.values())

    def filter(self, calls, now):
        """The calls matching the valid filters; an invalid one is shown as an error and left out."""
        self.is_valid()
        values = self.cleaned_data
        if values.get("status"):
            calls = calls.filter(services.status_q(values["status"], now))
        if values.get("measure"):
            calls = calls.filter(measure=values["measure"])
        if values.get("year"):
            calls = calls.filter(services.year_q(values["year"]))
        return calls
