"""Indicators: the seeded indicators, the R.S.2.3034 counting rule through the hook seam, progress and snapshots."""

import datetime
from contextlib import ExitStack
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail import hooks

from vvg.core.models import Organisation
from vvg.core.roles import MONITORING
from vvg.indicators import services
from vvg.indicators.charts import trend_svg
from vvg.indicators.models import Indicator, Measurement
from vvg.indicators.sources import ACTIVITY_COUNTER_HOOK, PARTICIPATION_SOURCE_HOOK
from vvg.core.templatetags.vvg_tags import lt_number, with_unit

pytestmark = pytest.mark.django_db

RS = "R.S.2.3034"
PB = "P.B.2.0080"
DAY = datetime.date


class ListSource:
    """A participation source as another app would register it: name, label, participations()."""

    def __init__(self, name, rows):
        self.name = name
        self.label = f"Source {name}"
        self.rows = rows

    def participations(self):
        return list(self.rows)


def org(name, code="", sector="civil"):
    """An organisation as a free-text register gives it: an unsaved Organisation."""
    return Organisation(name=name, legal_code=code, sector=sector)


@pytest.fixture
def register_sources():
    """Register participation sources for the test through the real hook, as an app's wagtail_hooks would."""
    with ExitStack() as stack:

        def register(*sources):
            for source in sources:
                stack.enter_context(hooks.register_temporarily(PARTICIPATION_SOURCE_HOOK, lambda source=source: source))

        yield register


class Counter:
    name = "test_trainings_held"
    label = "Test trainings held"
    public = True

    def __init__(self, dates):
        self.dates = dates

    def count(self, start=None, end=None):
        return sum(1 for day in self.dates if (start is None or day >= start) and (end is None or day <= end))


# The seeded indicators -----------------------------------------------------------------------------------------


def test_migration_seeds_the_two_project_indicators():
    strategy = Indicator.objects.get(code=PB)
    participants = Indicator.objects.get(code=RS)
    assert strategy.name == "Bendruomenės inicijuotos vietos plėtros strategijos, kurioms suteikta parama"
    assert participants.name == (
        "Pilietinės visuomenės ir privačiojo sektoriaus subjektai, dalyvavę rengiant ir (ar) įgyvendinant "
        "bendruomenės inicijuotos vietos plėtros strategijas"
    )
    assert (strategy.target, strategy.method, strategy.kind) == (Decimal(1), "manual", "output")
    assert (participants.target, participants.method, participants.kind) == (Decimal(11), "computed", "result")
    assert participants.source_name == services.PARTICIPATING_ORGANISATIONS
    assert strategy.is_public and participants.is_public


def test_monitoring_group_may_manage_indicators_and_measurements(make_user):
    user = make_user("stebetoja", MONITORING)
    for action in ("add", "change", "delete", "view"):
        assert user.has_perm(f"vvg_indicators.{action}_indicator")
        assert user.has_perm(f"vvg_indicators.{action}_measurement")
    group = Group.objects.get(name=MONITORING)
    document_permissions = set(group.collection_permissions.values_list("permission__codename", flat=True))
    assert {"add_document", "choose_document"} <= document_permissions


def test_computed_indicator_must_name_a_source_that_is_installed():
    indicator = Indicator(code="X.1", name="Rodiklis", unit="vnt.", kind="output", target=5, method="computed")
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "source_name" in error.value.message_dict
    indicator.source_name = services.PARTICIPATIONS
    indicator.full_clean()
    manual = Indicator(code="X.2", name="R", unit="vnt.", kind="output", target=5, source_name="participations")
    manual.full_clean()
    assert manual.source_name == ""


# The R.S.2.3034 rule --------------------------------------------------------------------------------------------


def test_same_legal_code_in_two_sources_counts_once(register_sources):
    register_sources(
        ListSource("test_events", [(org("Ignalinos bendruomenė", "302111111"), "Mokymai 1", DAY(2025, 3, 1))]),
        ListSource("test_consultations", [(org("Ignalinos miesto bendruomenės centras", "302111111"), "Konsultacija 7", DAY(2025, 4, 1))]),
    )
    count = services.count_participation()
    assert len(count.organisations) == 1
    assert count.participations == 2
    assert count.organisations[0].sources == [("Source test_consultations", 1), ("Source test_events", 1)]
    assert count.organisations[0].first_date == DAY(2025, 3, 1)


def test_name_variants_without_a_code_count_once_and_join_the_coded_organisation(register_sources):
    register_sources(ListSource("test_events", [
        (org("UAB „Ignalinos duona“", sector="business"), "Renginys A", DAY(2025, 3, 1)),
        (org("„Ignalinos  duona“, UAB", sector="business"), "Renginys B", DAY(2025, 3, 2)),
        (org("Ignalinos duona", "302222222", sector="business"), "Renginys C", DAY(2025, 3, 3)),
        (org("Jaunimo klubas „Aukštaitis“"), "Renginys A", DAY(2025, 3, 1)),
    ]))
    count = services.count_participation()
    assert [(o.name, o.legal_code) for o in count.organisations] == [
        ("Ignalinos duona", "302222222"), ("Jaunimo klubas „Aukštaitis“", ""),
    ]
    assert [len(o.participations) for o in count.organisations] == [3, 1]


def test_a_name_shared_by_two_codes_stays_apart(register_sources):
    register_sources(ListSource("test_events", [
        (org("Bendruomenė", "1001"), "A", None),
        (org("Bendruomenė", "1002"), "A", None),
        (org("Bendruomenė"), "B", None),
    ]))
    assert len(services.count_participation().organisations) == 3


def test_only_civil_society_and_business_are_counted(register_sources):
    register_sources(ListSource("test_events", [
        (org("Ignalinos rajono savivaldybės administracija", "188", sector="public"), "Renginys", DAY(2025, 5, 5)),
        (org("NVO „Šviesa“", sector="civil"), "Renginys", DAY(2025, 5, 5)),
        (org("UAB Medis", sector="business"), "Renginys", DAY(2025, 5, 5)),
        (None, "Renginys", DAY(2025, 5, 5)),  # a private person
    ]))
    count = services.count_participation()
    assert sorted(o.name for o in count.organisations) == ["NVO „Šviesa“", "UAB Medis"]
    assert count.other_sectors == 1


def test_two_people_of_one_organisation_at_one_event_are_one_participation(register_sources):
    centre = org("Bendruomenės centras", "303")
    register_sources(ListSource("test_events", [
        (centre, "Mokymai X", DAY(2025, 6, 1)), (centre, "Mokymai X", DAY(2025, 6, 1)), (centre, "Mokymai Y", DAY(2025, 7, 1)),
    ]))
    assert services.count_participation().participations == 2


def test_a_source_switched_off_in_the_settings_is_not_counted(register_sources, vvg_settings):
    vvg_settings(DISABLED_PARTICIPATION_SOURCES=["test_consultations"])
    register_sources(
        ListSource("test_events", [(org("NVO A", "1"), "Renginys", DAY(2025, 1, 1))]),
        ListSource("test_consultations", [(org("NVO B", "2"), "Konsultacija", DAY(2025, 1, 2))]),
    )
    assert [o.name for o in services.count_participation().organisations] == ["NVO A"]


def test_participations_after_the_date_are_left_out_but_undated_ones_count(register_sources):
    register_sources(ListSource("test_events", [
        (org("NVO A", "1"), "Renginys", DAY(2025, 1, 1)),
        (org("NVO B", "2"), "Renginys", DAY(2026, 1, 1)),
        (org("NVO C", "3"), "Narystė", None),
    ]))
    assert [o.name for o in services.count_participation(until=DAY(2025, 12, 31)).organisations] == ["NVO A", "NVO C"]


def test_vvg_members_are_a_built_in_source(vvg_settings):
    Organisation.objects.create(name="Ignalinos miesto bendruomenė", legal_code="302111111", sector="civil", is_member=True)
    Organisation.objects.create(name="UAB Ne narys", legal_code="302999999", sector="business", is_member=False)
    count = services.count_participation()
    assert [(o.name, o.sources) for o in count.organisations] == [("Ignalinos miesto bendruomenė", [("Narystė VVG", 1)])]
    vvg_settings(DISABLED_PARTICIPATION_SOURCES=["membership"])
    assert services.count_participation().organisations == []


# Progress and snapshots ----------------------------------------------------------------------------------------


def test_progress_of_a_computed_indicator_is_live_and_of_a_manual_one_its_last_measurement(register_sources):
    register_sources(ListSource("test_events", [(org(f"NVO {n}", str(n)), "Renginys", DAY(2025, 1, 1)) for n in range(1, 6)]))
    strategy = Indicator.objects.get(code=PB)
    strategy.measurements.create(date=DAY(2024, 1, 1), value=0)
    strategy.measurements.create(date=DAY(2024, 7, 29), value=1)
    participants, strategy = services.progress_list(Indicator.objects.filter(code__in=[RS, PB]).order_by("-code"),
                                                    today=DAY(2026, 1, 1))
    assert (participants.value, participants.as_of, participants.is_live) == (Decimal(5), DAY(2026, 1, 1), True)
    assert participants.percent == 45  # 5 of 11
    assert (strategy.value, strategy.as_of, strategy.percent) == (Decimal(1), DAY(2024, 7, 29), 100)
    assert strategy.points == [(DAY(2024, 1, 1), Decimal(0)), (DAY(2024, 7, 29), Decimal(1))]


def test_progress_counts_from_the_baseline_and_shows_overshoot():
    indicator = Indicator.objects.create(code="X.1", name="R", unit="vnt.", kind="output", baseline=10, target=20)
    indicator.measurements.create(date=DAY(2025, 1, 1), value=25)
    (item,) = services.progress_list(Indicator.objects.filter(code="X.1"))
    assert item.percent == 150 and item.bar_value == 100


def test_snapshots_keep_the_count_after_the_registers_lose_it(capsys):
    members = [
        Organisation.objects.create(name=f"Bendruomenė {n}", legal_code=str(n), sector="civil", is_member=True)
        for n in range(1, 4)
    ]
    call_command("snapshot_indicators", stdout=StringIO())
    Organisation.objects.filter(pk__in=[m.pk for m in members]).delete()

    indicator = Indicator.objects.get(code=RS)
    (snapshot,) = indicator.measurements.all()
    assert snapshot.value == 3 and snapshot.entered_by is None
    assert "dalyvavo 3 kartus" in snapshot.note
    later = snapshot.date + datetime.timedelta(days=40)
    assert services.value_at(indicator, later).value == 3
    (live,) = services.progress_list([indicator], today=later)
    assert live.value == 0
    assert live.points == [(snapshot.date, Decimal(3)), (later, Decimal(0))]


def test_a_second_snapshot_on_the_same_day_replaces_the_first_and_older_ones_stay():
    indicator = Indicator.objects.get(code=RS)
    indicator.measurements.create(date=DAY(2025, 1, 31), value=7, source="Ankstesnė ataskaita")
    Organisation.objects.create(name="NVO", legal_code="1", sector="civil", is_member=True)
    services.take_snapshots([indicator], today=DAY(2025, 2, 28))
    Organisation.objects.create(name="UAB", legal_code="2", sector="business", is_member=True)
    written, skipped = services.take_snapshots([indicator], today=DAY(2025, 2, 28))
    assert skipped == []
    assert [(m.date, m.value) for m in indicator.measurements.order_by("date")] == [
        (DAY(2025, 1, 31), Decimal(7)), (DAY(2025, 2, 28), Decimal(2)),
    ]


def test_activity_counters_are_computed_sources_too():
    with hooks.register_temporarily(ACTIVITY_COUNTER_HOOK, lambda: Counter([DAY(2025, 3, 1), DAY(2025, 9, 1)])):
        indicator = Indicator.objects.create(
            code="A.1", name="Mokymai", unit="mokymai", kind="output", target=4, method="computed",
            source_name="test_trainings_held",
        )
        indicator.full_clean()
        written, _ = services.take_snapshots([indicator], today=DAY(2025, 6, 30))
        assert written[0].value == 1
        figures = {f.label: f.value for f in services.headline_figures(today=DAY(2025, 12, 31))}
        assert figures["Test trainings held"] == 2
    out, err = StringIO(), StringIO()
    call_command("snapshot_indicators", stdout=out, stderr=err)
    assert "A.1" in err.getvalue() and "skipped" in err.getvalue()
    assert Measurement.objects.filter(indicator=indicator).count() == 1


# Presentation helpers ------------------------------------------------------------------------------------------


def test_numbers_are_written_the_lithuanian_way():
    assert lt_number(Decimal("12500.00")) == "12\xa0500"
    assert lt_number(Decimal("2.5")) == "2,50"
    assert with_unit(Decimal("12500"), "€") == "12\xa0500,00\xa0€"
    assert lt_number(None) == ""


def test_trend_chart_is_inline_svg_with_a_text_alternative():
    svg = trend_svg([(DAY(2025, 1, 1), Decimal(0)), (DAY(2025, 6, 1), Decimal(3))], Decimal(11), label="Trend <3>")
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title>Trend &lt;3&gt;</title>" in svg
    assert svg.count("<circle") == 2 and "stroke-dasharray" in svg and "http" not in svg
    assert trend_svg([], 1, label="x") == ""
