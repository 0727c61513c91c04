"""The GET form that filters the funded project listing and its open-data files."""

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from vvg.core.choices import Sector
from vvg.core.models import Measure
from vvg.core.widgets import FastSelect

from .choices import ProjectStatus
from .services import FILTER_LOOKUPS


class CallChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, call):
        return f"{call.number} {call.title}" if call.number else call.title


class ProjectFilterForm(forms.Form):
    """Filters by call, measure, status, beneficiary's sector and start year.

    Calls, measures and years offered are only those the given (published) projects have, so no
    choice leads to an empty list by itself.
    """

    call = CallChoiceField(queryset=None, required=False, widget=FastSelect, label=_("Call"), empty_label=_("All calls"))
    measure = forms.ModelChoiceField(
        queryset=Measure.objects.none(), required=False, widget=FastSelect, label=_("Measure"), empty_label=_("All measures")
    )
    status = forms.ChoiceField(
        required=False, widget=FastSelect, label=_("Status"), choices=[("", _("All statuses")), *ProjectStatus.choices]
    )
    sector = forms.ChoiceField(
        required=False, widget=FastSelect, label=_("Beneficiary's sector"), choices=[("", _("All sectors")), *Sector.choices]
    )
    year = forms.TypedChoiceField(required=False, widget=FastSelect, coerce=int, empty_value=None, label=_("Start year"))

    def __init__(self, data, projects):
        super().__init__(data)
        call_model = projects.model._meta.get_field("call").related_model
        self.fields["call"].queryset = call_model.objects.live().filter(pk__in=projects.values("call")).order_by("path")
        self.fields["measure"].queryset = Measure.objects.filter(pk__in=projects.values("measure"))
        years = [day.year for day in projects.order_by().dates("start_date", "year", order="DESC")]
        self.fields["year"].choices = [("", _("All years")), *((year, year) for year in years)]

    @property
    def filters(self):
        """The chosen valid filters; an invalid value (say, from an old link) is left out, not an error page."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def querystring(self):
        """The chosen filters as a query string, for links that must show the same projects."""
        values = {name: getattr(value, "pk", value) for name, value in self.filters.items()}
        return urlencode({name: values[name] for name in FILTER_LOOKUPS if name in values})
