"""Demo funded projects of the Ignalina town VVG for `load_demo_content`: the index and four projects.

The beneficiaries and partners are fictional but plausible organisations of the town, without legal
entity codes. Projects link to the demo calls when vvg.calls and those calls are there; a project
whose measure is missing is left out. Only what is missing is created.
"""

import datetime
from decimal import Decimal

from django.apps import apps
from django.utils import timezone

from vvg.core.choices import Sector
from vvg.core.models import Measure, Organisation

from .choices import ProjectStatus
from .models import FundedProjectIndexPage, FundedProjectPage, FundedProjectPartner

INDEX_SLUG = "projektai"
CALLS_INDEX_SLUG = "kvietimai"

ORGANISATIONS = {
    "Ignalinos bendruomenės centras": Sector.CIVIL,
    "VšĮ Ignalinos jaunimo iniciatyvos": Sector.CIVIL,
    "Ignalinos neįgaliųjų draugija": Sector.CIVIL,
    "MB Ignalinos amatų dirbtuvės": Sector.BUSINESS,
}


def project_specs(today):
    """Nr. 1's projects started after its 2026 selection; Nr. 2 is a rolling call dated from today."""
    nr2_start = today + datetime.timedelta(days=30)
    return [
        {
            "slug": "bendruomenes-svetaine",
            "title": "Bendruomenės svetainė: užimtumo ir pagalbos veiklos vyresnio amžiaus žmonėms",
            "code": "IGN-LEADER-6B-DV-26-1-00001",
            "beneficiary": "Ignalinos bendruomenės centras",
            "partners": ["Ignalinos neįgaliųjų draugija"],
            "call": "Nr. 1",
            "measure": "VPS-1.1",
            "grant": Decimal("28000.00"),
            "total_value": Decimal("35000.00"),
            "start_date": datetime.date(2026, 7, 1),
            "end_date": datetime.date(2027, 12, 31),
            "status": ProjectStatus.IN_PROGRESS,
            "address": "Ignalina",
            "aim": "Mažinti vieniši gyvenančių vyresnio amžiaus Ignalinos miesto gyventojų socialinę atskirtį: "
            "įrengti bendruomenės svetainę ir joje organizuoti užimtumo, sveikatinimo ir savitarpio pagalbos veiklas.",
            "results": "<ul><li>Įrengta ir pritaikyta bendruomenės svetainė;</li><li>į veiklas įtraukta ne mažiau "
            "kaip 60 vyresnio amžiaus žmonių;</li><li>parengta 12 savanorių.</li></ul>",
        },
        {
            "slug": "jaunimo-erdve-atrama",
            "title": "Jaunimo erdvė „Atrama“ socialinės rizikos šeimų vaikams ir jaunimui",
            "code": "IGN-LEADER-6B-DV-26-1-00002",
            "beneficiary": "VšĮ Ignalinos jaunimo iniciatyvos",
            "partners": ["Ignalinos bendruomenės centras"],
            "call": "Nr. 1",
            "measure": "VPS-1.1",
            "grant": Decimal("24500.00"),
            "total_value": Decimal("30625.00"),
            "start_date": datetime.date(2026, 9, 1),
            "end_date": datetime.date(2028, 6, 30),
            "status": ProjectStatus.SIGNED,
            "address": "Ignalina",
            "aim": "Sukurti atvirą jaunimo erdvę, kurioje socialinės rizikos šeimų vaikai ir jaunimas gautų "
            "pagalbą mokantis, dalyvautų neformaliojo ugdymo ir savanorystės veiklose.",
            "results": "<ul><li>Veikianti atvira jaunimo erdvė;</li><li>ne mažiau kaip 40 vaikų ir jaunuolių "
            "dalyvauja veiklose.</li></ul>",
        },
        {
            "slug": "prieinama-bendruomene",
            "title": "Prieinama bendruomenė: neįgaliųjų užimtumo ir savanorystės programa",
            "code": "IGN-LEADER-6B-DV-26-1-00003",
            "beneficiary": "Ignalinos neįgaliųjų draugija",
            "partners": [],
            "call": "Nr. 1",
            "measure": "VPS-1.1",
            "grant": Decimal("12000.00"),
            "total_value": Decimal("15000.00"),
            "start_date": datetime.date(2026, 6, 15),
            "end_date": datetime.date(2026, 10, 31),
            "status": ProjectStatus.COMPLETED,
            "address": "Ignalina",
            "aim": "Įtraukti neįgaliuosius į bendruomenės gyvenimą: surengti užimtumo užsiėmimus ir parengti "
            "savanorius, padedančius neįgaliesiems dalyvauti miesto renginiuose.",
            "results": "<ul><li>Surengti 24 užimtumo užsiėmimai;</li><li>veiklose dalyvavo 35 neįgalieji;"
            "</li><li>parengta 10 savanorių.</li></ul>",
        },
        {
            "slug": "socialines-amatu-dirbtuves",
            "title": "Socialinės amatų dirbtuvės: darbo vietos neįgaliesiems ir ilgalaikiams bedarbiams",
            "code": "IGN-LEADER-6B-DV-26-2-00001",
            "beneficiary": "MB Ignalinos amatų dirbtuvės",
            "partners": ["Ignalinos neįgaliųjų draugija"],
            "call": "Nr. 2",
            "measure": "VPS-2.1",
            "grant": Decimal("21000.00"),
            "total_value": Decimal("30000.00"),
            "start_date": nr2_start,
            "end_date": nr2_start + datetime.timedelta(days=547),
            "status": ProjectStatus.SIGNED,
            "address": "Ignalina",
            "aim": "Įkurti socialinį verslą – amatų dirbtuves, kuriose dirbtų neįgalieji ir ilgalaikiai bedarbiai, "
            "o vietos gyventojai ir svečiai galėtų įsigyti vietos amatininkų gaminių.",
            "results": "<ul><li>Įsteigtas socialinis verslas;</li><li>sukurtos 3 darbo vietos socialiai "
            "pažeidžiamų grupių žmonėms.</li></ul>",
        },
    ]


def ensure_organisation(ctx, name, sector):
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        organisation = Organisation.objects.create(name=name, sector=sector)
        ctx.created.append(f"organisation {name}")
    return organisation


def demo_call(number):
    """The live demo call with this number, when the calls app is installed and has it."""
    if not apps.is_installed("vvg.calls"):
        return None
    from vvg.calls.models import CallPage

    return CallPage.objects.filter(number=number).live().first()


def build_projects(ctx):
    """The funded projects index at /projektai/, after the calls in the menu, with four demo projects."""
    is_new = ctx.child(ctx.home, INDEX_SLUG) is None
    index = ctx.ensure_page(ctx.home, FundedProjectIndexPage(
        title="Finansuoti projektai",
        slug=INDEX_SLUG,
        intro="Vietos plėtros projektai, kuriems skirta parama pagal Ignalinos miesto 2024–2029 m. vietos plėtros "
        "strategiją: projektų vykdytojai, paramos sumos ir įgyvendinimo eiga. Duomenis galima atsisiųsti.",
        show_in_menus=True,
    ))
    if not isinstance(index, FundedProjectIndexPage):
        return  # another page already holds the address; it is the editors' to keep
    calls_index = ctx.child(ctx.home, CALLS_INDEX_SLUG)
    if is_new and calls_index:
        index.move(calls_index, pos="right")
        index = FundedProjectIndexPage.objects.get(pk=index.pk)  # the move changed its tree path

    organisations = {name: ensure_organisation(ctx, name, sector) for name, sector in ORGANISATIONS.items()}
    for spec in project_specs(timezone.localdate()):
        measure = Measure.objects.filter(code=spec["measure"]).first()
        if measure is None:
            continue
        page = FundedProjectPage(
            **{key: value for key, value in spec.items() if key not in {"beneficiary", "partners", "call", "measure"}},
            beneficiary=organisations[spec["beneficiary"]],
            call=demo_call(spec["call"]),
            measure=measure,
        )
        page.partners = [FundedProjectPartner(organisation=organisations[name]) for name in spec["partners"]]
        ctx.ensure_page(index, page)
