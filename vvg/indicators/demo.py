"""Demo results of the Ignalina town VVG for `load_demo_content`: the results page and the history of P.B.2.0080.

The measurements are the VVG's own facts: the strategy was put on the list of funded strategies
on 29 July 2024 and the support agreement with CPVA was signed on 10 December 2024.
"""

import datetime
from decimal import Decimal

from .models import Indicator, ResultsPage

SLUG = "rezultatai"
STRATEGY_CODE = "P.B.2.0080"
MEASUREMENTS = [
    (datetime.date(2024, 1, 1), Decimal(0), "Pradinė reikšmė", "Strategija dar neįtraukta į finansuojamų sąrašą."),
    (
        datetime.date(2024, 7, 29),
        Decimal(1),
        "LR vidaus reikalų ministro 2024 m. liepos 29 d. įsakymas Nr. 1V-478",
        "Ignalinos miesto 2024–2029 m. vietos plėtros strategija įtraukta į finansuojamų strategijų sąrašą.",
    ),
    (
        datetime.date(2024, 12, 10),
        Decimal(1),
        "Paramos sutartis Nr. 11-008-T-0009",
        "Pasirašyta strategijos įgyvendinimo administravimo projekto paramos sutartis su CPVA.",
    ),
]


def build_results(ctx):
    """The results page at /rezultatai/ (in the menu) and the strategy indicator's past measurements."""
    ctx.ensure_page(
        ctx.home,
        ResultsPage(
            title="Rezultatai",
            slug=SLUG,
            intro=(
                "Kaip sekasi įgyvendinti Ignalinos miesto 2024–2029 m. vietos plėtros strategiją: stebėsenos "
                "rodikliai, jų siektinos ir pasiektos reikšmės."
            ),
            show_in_menus=True,
        ),
    )
    indicator = Indicator.objects.filter(code=STRATEGY_CODE).first()
    if indicator is None:
        ctx.present.append(f"indicator {STRATEGY_CODE} deleted; no demo measurements")
        return
    added = 0
    for day, value, source, note in MEASUREMENTS:
        _measurement, created = indicator.measurements.get_or_create(
            date=day, defaults={"value": value, "source": source, "note": note}
        )
        added += created
    if added:
        ctx.created.append(f"{added} measurements of {STRATEGY_CODE}")
    else:
        ctx.present.append(f"measurements of {STRATEGY_CODE}")
