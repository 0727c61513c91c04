"""Demo calls of the Ignalina town VVG for `load_demo_content`: the index, two measures and three calls.

Amounts and measure budgets are plausible placeholders, not the strategy's figures. Call Nr. 1 has the
dates the demo news give it; Nr. 2 and Nr. 3 are dated from today, so a fresh demo always has an open
and an upcoming call. Only what is missing is created.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Page

from vvg.core.models import Measure

from .choices import SelectionMode
from .models import CallIndexPage, CallPage

INDEX_SLUG = "kvietimai"
# A demo news item of vvg.news; linked as Nr. 1's information event when it is there.
INFORMATION_EVENT_SLUG = "informacinis-renginys-pareiskejams"

MEASURES = [
    {
        "code": "VPS-1.1",
        "name": "Socialinių problemų sprendimas bendruomenėje",
        "objective": "Spręsti socialines problemas, įtraukiant socialiai pažeidžiamų grupių žmones į bendruomenines "
        "veiklas ir gerinant jiems teikiamas paslaugas.",
        "budget": Decimal("450000.00"),
    },
    {
        "code": "VPS-2.1",
        "name": "Vietos verslumo ir socialinio verslo skatinimas",
        "objective": "Skatinti vietos bendruomenės verslumą, socialinio verslo steigimą ir vystymą Ignalinos mieste.",
        "budget": Decimal("350000.00"),
    },
]

CONTACT = {"contact_name": "VVG administracija", "contact_email": "info@ignalinosvvg.lt"}

SOCIAL_APPLICANTS = (
    "<p>Ignalinos mieste veikiančios nevyriausybinės organizacijos, bendruomeninės organizacijos ir viešosios "
    "įstaigos. Partneriais gali būti kiti miesto viešojo, verslo ir pilietinės visuomenės sektorių subjektai.</p>"
)
SOCIAL_ACTIVITIES = (
    "<ul><li>Socialinių paslaugų ir užimtumo veiklų socialiai pažeidžiamų grupių žmonėms kūrimas ir teikimas;</li>"
    "<li>savanorystės ir bendruomeninių iniciatyvų, mažinančių socialinę atskirtį, organizavimas;</li>"
    "<li>bendruomenės patalpų pritaikymas šioms veikloms.</li></ul>"
)
SOCIAL_TARGET_GROUPS = (
    "<ul><li>Neįgalieji;</li><li>vyresnio amžiaus žmonės;</li><li>jaunimas;</li>"
    "<li>socialinės rizikos šeimos ir socialinę paramą gaunantys asmenys.</li></ul>"
)


def _local(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def call_specs(today):
    return [
        {
            "slug": "kvietimas-nr-1",
            "number": "Nr. 1",
            "measure": "VPS-1.1",
            "title": "Kvietimas teikti vietos projektus pagal priemonę „Socialinių problemų sprendimas bendruomenėje“",
            "summary": "Pirmasis kvietimas: remiami projektai, kurie įtraukia socialiai pažeidžiamų grupių žmones į "
            "bendruomenines veiklas ir gerina jiems teikiamas paslaugas.",
            "opens_at": _local(datetime.date(2026, 3, 2), 9),
            "closes_at": _local(datetime.date(2026, 4, 30), 16),
            "total_allocation": Decimal("150000.00"),
            "max_grant": Decimal("30000.00"),
            "funding_rate": Decimal("80"),
            "selection_mode": SelectionMode.COMPETITION,
            "eligible_applicants": SOCIAL_APPLICANTS,
            "eligible_activities": SOCIAL_ACTIVITIES,
            "target_groups": SOCIAL_TARGET_GROUPS,
        },
        {
            "slug": "kvietimas-nr-2",
            "number": "Nr. 2",
            "measure": "VPS-2.1",
            "title": "Kvietimas teikti vietos projektus pagal priemonę „Vietos verslumo ir socialinio verslo "
            "skatinimas“",
            "summary": "Remiami projektai, kuriais steigiami ar plečiami socialiniai verslai ir kuriamos darbo vietos "
            "Ignalinos mieste. Paraiškos vertinamos tokia eile, kokia gaunamos.",
            "opens_at": _local(today - datetime.timedelta(days=7), 9),
            "closes_at": _local(today + datetime.timedelta(days=45), 16),
            "total_allocation": Decimal("120000.00"),
            "max_grant": Decimal("25000.00"),
            "funding_rate": Decimal("70"),
            "selection_mode": SelectionMode.ROLLING,
            "eligible_applicants": "<p>Ignalinos mieste registruoti ar veikiantys labai maži ir maži verslo subjektai, "
            "socialiniai verslai ir juos steigiančios nevyriausybinės organizacijos.</p>",
            "eligible_activities": "<ul><li>Socialinio verslo steigimas ir plėtra;</li><li>darbo vietų "
            "socialiai pažeidžiamų grupių žmonėms kūrimas;</li><li>vietos produktų ir paslaugų kūrimas.</li></ul>",
            "target_groups": "<p>Bedarbiai, neįgalieji ir jaunimas, ieškantys darbo Ignalinos mieste.</p>",
        },
        {
            "slug": "kvietimas-nr-3",
            "number": "Nr. 3",
            "measure": "VPS-1.1",
            "title": "Antrasis kvietimas pagal priemonę „Socialinių problemų sprendimas bendruomenėje“",
            "summary": "Skelbiamas antrasis socialinių problemų sprendimo kvietimas: remiamos bendruomeninės "
            "iniciatyvos, mažinančios vyresnio amžiaus žmonių ir jaunimo socialinę atskirtį.",
            "opens_at": _local(today + datetime.timedelta(days=75), 9),
            "closes_at": _local(today + datetime.timedelta(days=135), 16),
            "total_allocation": Decimal("100000.00"),
            "max_grant": Decimal("20000.00"),
            "funding_rate": Decimal("80"),
            "selection_mode": SelectionMode.COMPETITION,
            "eligible_applicants": SOCIAL_APPLICANTS,
            "eligible_activities": SOCIAL_ACTIVITIES,
            "target_groups": SOCIAL_TARGET_GROUPS,
        },
    ]


def ensure_measures(ctx):
    measures = {}
    for spec in MEASURES:
        measure, created = Measure.objects.get_or_create(code=spec["code"], defaults=spec)
        (ctx.created if created else ctx.present).append(f"measure {measure}")
        measures[measure.code] = measure
    return measures


def build_calls(ctx):
    """The calls index at /kvietimai/, first in the menu, with the demo measures and calls."""
    is_new = ctx.child(ctx.home, INDEX_SLUG) is None
    index = ctx.ensure_page(ctx.home, CallIndexPage(
        title="Kvietimai",
        slug=INDEX_SLUG,
        intro="Kvietimai teikti vietos plėtros projektus pagal Ignalinos miesto 2024–2029 m. vietos plėtros "
        "strategiją: kas gali teikti paraiškas, kokia parama skiriama ir iki kada priimamos paraiškos.",
        show_in_menus=True,
    ))
    if not isinstance(index, CallIndexPage):
        return  # another page already holds the address; it is the editors' to keep
    if is_new:
        first = ctx.home.get_children().exclude(pk=index.pk).first()
        if first:
            index.move(first, pos="left")
            index = CallIndexPage.objects.get(pk=index.pk)  # the move changed its tree path

    measures = ensure_measures(ctx)
    event = Page.objects.filter(slug=INFORMATION_EVENT_SLUG).live().first()
    for spec in call_specs(timezone.localdate()):
        extra = {"information_event": event} if spec["number"] == "Nr. 1" else {}
        ctx.ensure_page(index, CallPage(**spec | CONTACT | extra | {"measure": measures[spec["measure"]]}))
