"""The rules of funded projects: amounts, dates and location checks, listing filters, totals, open data."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from .choices import ProjectStatus

ZERO = Decimal("0.00")

# The listing's filters (forms.ProjectFilterForm has a field for each) and the lookups they stand for.
FILTER_LOOKUPS = {
    "call": "call",
    "measure": "measure",
    "status": "status",
    "sector": "beneficiary__sector",
    "year": "start_date__year",
}

# The open-data columns, in order. Organisations' names and legal entity codes are public registry
# data; nothing about a person is exported.
EXPORT_FIELDS = (
    "code",
    "title",
    "url",
    "beneficiary_name",
    "beneficiary_legal_code",
    "beneficiary_sector",
    "call_number",
    "measure_code",
    "grant",
    "total_value",
    "own_contribution",
    "status",
    "start_date",
    "end_date",
)


def own_contribution(total_value, grant):
    """What the beneficiary puts in itself: the total value less the grant (None while either is unknown)."""
    if total_value is None or grant is None:
        return None
    return total_value - grant


def amount_errors(grant, total_value):
    contribution = own_contribution(total_value, grant)
    if contribution is not None and contribution < 0:
        return {
            "grant": _(
                "The grant cannot be larger than the total value of the project: "
                "the own contribution (total value less the grant) would be negative."
            )
        }
    return {}


def date_errors(start_date, end_date):
    if start_date and end_date and end_date < start_date:
        return {"end_date": _("The project cannot end before it starts.")}
    return {}


def location_errors(latitude, longitude):
    """A point needs both coordinates; one alone puts nothing on a map."""
    if (latitude is None) != (longitude is None):
        field = "longitude" if longitude is None else "latitude"
        return {field: _("Enter both latitude and longitude, or neither.")}
    return {}


def code_errors(project):
    """The project code is unique within a language tree; a translation of the page shares its code."""
    if not project.code:
        return {}
    same_code = type(project).objects.filter(code__iexact=project.code, locale_id=project.locale_id)
    if project.pk:
        same_code = same_code.exclude(pk=project.pk)
    if same_code.exists():
        return {"code": _("Another funded project already has this code.")}
    return {}


def project_errors(project):
    """Every field error of a funded project, as {field name: message}."""
    return (
        amount_errors(project.grant, project.total_value)
        | date_errors(project.start_date, project.end_date)
        | location_errors(project.latitude, project.longitude)
        | code_errors(project)
    )


def filter_projects(projects, filters):
    """The projects that match every chosen filter ({filter name: value}; empty values are ignored)."""
    lookups = {FILTER_LOOKUPS[name]: value for name, value in filters.items() if value not in (None, "")}
    return projects.filter(**lookups)


def project_totals(projects):
    """The number of projects, the sums of grants and of total values and the count by status, in one query."""
    money = DecimalField(max_digits=14, decimal_places=2)
    per_status = {f"status_{status.value}": Count("pk", filter=Q(status=status)) for status in ProjectStatus}
    row = projects.order_by().aggregate(
        count=Count("pk"),
        grant=Coalesce(Sum("grant"), Value(ZERO), output_field=money),
        total_value=Coalesce(Sum("total_value"), Value(ZERO), output_field=money),
        **per_status,
    )
    return {
        "count": row["count"],
        "grant": row["grant"],
        "total_value": row["total_value"],
        "by_status": [(status, row[f"status_{status.value}"]) for status in ProjectStatus],
    }


def export_row(project, url):
    """One project as open data (see EXPORT_FIELDS); amounts stay Decimal, dates stay dates."""
    beneficiary, call = project.beneficiary, project.public_call
    return {
        "code": project.code,
        "title": project.title,
        "url": url,
        "beneficiary_name": beneficiary.name,
        "beneficiary_legal_code": beneficiary.legal_code,
        "beneficiary_sector": beneficiary.sector,
        "call_number": call.number if call else "",
        "measure_code": project.measure.code,
        "grant": project.grant,
        "total_value": project.total_value,
        "own_contribution": project.own_contribution,
        "status": project.status,
        "start_date": project.start_date,
        "end_date": project.end_date,
    }
