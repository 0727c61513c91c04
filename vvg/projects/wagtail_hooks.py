"""What funded projects tell the indicators app through its hooks (the protocols: vvg/indicators/sources.py).

Only hook names are shared, no imports: a VVG without vvg.indicators installs this app all the same.
"""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .models import FundedProjectPage


def published_projects(start=None, end=None):
    """Live funded projects, by start date from `start` to `end` (both inclusive, None leaves a side open)."""
    projects = FundedProjectPage.objects.live()
    if start:
        projects = projects.filter(start_date__gte=start)
    if end:
        projects = projects.filter(start_date__lte=end)
    return projects


@hooks.register("register_vvg_participation_source")
class ProjectParticipationSource:
    """Beneficiaries and partners of funded projects implement the strategy (R.S.2.3034)."""

    name = "funded_projects"
    label = _("Funded projects (beneficiaries and partners)")

    def participations(self):
        projects = published_projects().select_related("beneficiary").prefetch_related("partners__organisation")
        for project in projects.order_by("start_date", "code"):
            activity = f"{project.code} {project.title}"
            yield project.beneficiary, activity, project.start_date
            for partner in project.partners.all():
                yield partner.organisation, activity, project.start_date


@hooks.register("register_vvg_activity_counter")
class FundedProjectCounter:
    name = "funded_projects"
    label = _("Funded projects")
    public = True

    def count(self, start=None, end=None):
        return published_projects(start, end).count()


@hooks.register("register_vvg_activity_counter")
class GrantCounter:
    name = "grants_awarded"
    label = _("Grants awarded to funded projects")
    unit = "€"
    public = True

    def count(self, start=None, end=None):
        return published_projects(start, end).aggregate(total=Sum("grant"))["total"] or 0
