"""Every admin URL of every module × every role (and anonymous): allowed or refused as DESIGN.md's roles table says.

The URLs are not listed by hand: they are walked from the URL configuration (the snippet viewsets,
choosers, modeladmin registers, import/export and each module's own views), so a view added later
is in the matrix at once, and `area_of` must place it. A refusal is a redirect to the login page
for anonymous visitors and 403 (or Wagtail's redirect to the dashboard) for signed-in users.
"""

import re
from decimal import Decimal

import pytest
from django.utils import timezone

from events.models import Consultation, Registration
from tests.test_evaluations_fixtures import add_application, call, coordinator, evaluation  # noqa: F401 (fixtures)
from tests.test_events_fixtures import add_event, event_index  # noqa: F401 (fixtures)
from tests.url_walk import walk
from vvg.core.models import Measure
from vvg.core.roles import ALL_ROLES, EDITORS, EVALUATION_COORDINATORS, EVALUATORS, MONITORING, REGISTER_KEEPERS
from vvg.evaluations import services
from vvg.evaluations.models import BoardDecision, BoardDecisionOutcome
from vvg.indicators.models import Indicator, Measurement

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
EVERY_ROLE = set(ALL_ROLES)
# DESIGN.md's roles table: area -> (roles that may use all of it, roles that may only look, roles
# that may use its choosers). Editors and coordinators see organisations and measures to choose them
# in pages and applications. Wagtail's snippet choosers ask no permission, so the choosers of data
# that is public anyway (organisations, measures, indicators) answer every role; the evaluations'
# choosers are closed.
DESIGN = {
    "organisations": ({REGISTER_KEEPERS}, {EDITORS, EVALUATION_COORDINATORS}, EVERY_ROLE),
    "measures": ({REGISTER_KEEPERS}, {EDITORS}, EVERY_ROLE),
    "participants": ({REGISTER_KEEPERS}, set(), set()),
    "evaluation": ({EVALUATION_COORDINATORS}, set(), set()),
    "own-evaluation": ({EVALUATORS}, set(), set()),
    # "My evaluations" lists only the viewer's own assignments; coordinators may open it too.
    "own-list": ({EVALUATORS, EVALUATION_COORDINATORS}, set(), set()),
    "indicators": ({MONITORING}, set(), EVERY_ROLE),
    "superusers": (set(), set(), set()),
    # Wagtail's own views. Monitoring adds evidence documents to measurements.
    "pages": ({EDITORS}, set(), set()),
    "images": ({EDITORS}, set(), set()),
    "documents": ({EDITORS, MONITORING}, set(), set()),
    # The search terms report (the site's search app): for those who choose promoted results.
    "search-terms": ({EDITORS}, set(), set()),
}
# Wagtail's own admin views, asked beside the modules' ones: {home} is the home page's id.
WAGTAIL_VIEWS = [
    ("/admin/pages/{home}/", "pages"),
    ("/admin/pages/{home}/edit/", "pages"),
    ("/admin/pages/add/home/standardpage/{home}/", "pages"),
    ("/admin/images/", "images"),
    ("/admin/images/multiple/add/", "images"),
    ("/admin/documents/", "documents"),
    ("/admin/documents/multiple/add/", "documents"),
    ("/admin/users/", "superusers"),
    ("/admin/groups/", "superusers"),
    ("/admin/sites/", "superusers"),
    ("/admin/settings/vvg_core/vvgsettings/", "superusers"),
]
# URLs an area's full roles may not use either. Measures are referenced by calls and projects:
# register keepers add and change them, only a superuser deletes one (vvg.core migration 0004).
EXCEPTIONS = {"wagtailsnippets_vvg_core_measure:delete": ("superusers", "write")}
# Snippet views that only show (the rest add, change or delete).
READ_ACTIONS = {"list", "list_results", "inspect", "report"}
SNIPPET_AREAS = {
    "vvg_core_organisation": "organisations",
    "vvg_core_measure": "measures",
    "vvg_evaluations_": "evaluation",
    "vvg_indicators_": "indicators",
}
REGISTER_AREAS = {
    "events.registration": "participants",
    "events.consultation": "participants",
    "vvg_core.organisation": "organisations",
    "vvg_core.measure": "measures",
    "vvg_evaluations.application": "evaluation",
    "vvg_indicators.measurement": "indicators",
}


def area_of(name):
    """(area, "read" or "write") of a module's admin URL name; None for Wagtail's own views."""
    if name in EXCEPTIONS:
        return EXCEPTIONS[name]
    if name.startswith(("wagtailsnippets_", "wagtailsnippetchoosers_")):
        model_key, action = name.split("_", 1)[1].split(":")
        area = next((area for prefix, area in SNIPPET_AREAS.items() if model_key.startswith(prefix)), None)
        if name.startswith("wagtailsnippetchoosers_") and action != "create":
            return area and (area, "choose")
        return area and (area, "read" if action in READ_ACTIONS else "write")
    if name.startswith(("events_registration_modeladmin", "events_consultation_modeladmin", "events_admin:")):
        return "participants", "write"
    if name == "vvg_evaluations:my_assignments":
        return "own-list", "read"
    if name in ("vvg_evaluations:declaration", "vvg_evaluations:score"):
        return "own-evaluation", "write"
    if name.startswith("vvg_evaluations:"):
        return "evaluation", "write"
    if name in ("vvg_accounts_reset", "vvg_accounts_lockouts"):
        return "superusers", "write"
    if name.startswith("search_admin:"):
        return "search-terms", "read"
    return None


def module_urls(world):
    """(name, area, kind, url) for every admin URL of the modules, with the world's ids filled in."""
    for name, route in walk():
        if name.startswith("vvg_registers:"):
            for register, area in REGISTER_AREAS.items():
                app_label, model_name = register.split(".")
                values = {"app_label": app_label, "model_name": model_name, "file_format": "csv"}
                yield name, area, "write", fill(route, values)
            continue
        placed = area_of(name)
        if placed:
            yield name, *placed, fill(route, ids_for(name, world))
    for url, area in WAGTAIL_VIEWS:
        yield url, area, "write", url.format(home=world["home"].pk)


def ids_for(name, world):
    # "wagtailsnippets_vvg_core_organisation:edit" and "events_registration_modeladmin_edit" name their model.
    model_key = name.split(":")[0].split("_modeladmin_")[0].split("_", 1)[-1]
    pk = next((obj.pk for key, obj in world.items() if model_key.endswith(key)), None)
    own = {
        "vvg_evaluations:score": world["assignment"].pk,
        "vvg_evaluations:reopen": world["assignment"].pk,
        "vvg_evaluations:unassign": world["assignment"].pk,
        "vvg_evaluations:ranking": world["callevaluation"].pk,
        "vvg_evaluations:decision_from_ranking": world["callevaluation"].pk,
        "vvg_evaluations:decision_apply": world["boarddecision"].pk,
    }
    pk = own.get(name, pk if pk is not None else world["application"].pk)
    return {
        "pk": pk, "instance_pk": pk, "call_pk": world["application"].call_id, "event_id": world["event"].pk,
        "user_id": world["evaluator"].pk,
    }


def fill(route, values):
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda match: f"<{match.group(1)}>", route)
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]), route)


@pytest.fixture
def world(call, evaluation, coordinator, event_index, make_user, home_page):  # noqa: F811 (fixtures)
    """One object of every kind the modules' URLs take, and the evaluator assigned to the application."""
    application = add_application(call)
    evaluator = make_user("vertintoja", EVALUATORS)
    assignment = services.assign(application, evaluator, coordinator)
    decision = BoardDecision(call=call, date="2026-06-01", minutes_number="V-7", procedure="written")
    decision.outcomes = [BoardDecisionOutcome(application=application, outcome="selected")]
    decision.save()
    event = add_event(event_index)
    indicator = Indicator.objects.first()
    return {
        "organisation": application.applicant,
        "measure": Measure.objects.create(code="1.1", name="Socialinės paslaugos", budget=Decimal("100000")),
        "application": application,
        "callevaluation": evaluation,
        "boarddecision": decision,
        "assignment": assignment,
        "indicator": indicator,
        "measurement": Measurement.objects.create(indicator=indicator, date=timezone.localdate(), value=Decimal("1")),
        "registration": Registration.objects.create(event=event, name="Ona Onaitė", email="ona@example.lt"),
        "consultation": Consultation.objects.create(name="Jonas Jonaitis", topic="Paraiška", consultant="Konsultantė"),
        "event": event,
        "evaluator": evaluator,
        "home": home_page,
    }


def refused(response, role):
    if role == ANONYMOUS:
        return response.status_code == 302 and response.url.startswith("/admin/login/")
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def expected_allowed(role, area, kind):
    full, read_only, choosers = DESIGN[area]
    if kind == "choose":
        return role in full or role in read_only or role in choosers
    return role in full or (kind == "read" and role in read_only)


@pytest.mark.parametrize("role", [ANONYMOUS, *ALL_ROLES])
def test_every_module_url_answers_each_role_as_the_design_says(client, world, make_user, role):
    if role == EVALUATORS:
        client.force_login(world["evaluator"])  # the one assigned to the application: their own sheet
    elif role != ANONYMOUS:
        client.force_login(make_user("matrica", role))
    urls = list(module_urls(world))
    assert len(urls) > 140  # the walk found the snippets', choosers', registers' and modules' own views
    wrong = []
    for name, area, kind, url in urls:
        response = client.get(url)
        assert response.status_code < 500, f"{name} {url} answered {response.status_code}"
        if response.status_code == 405:
            response = client.post(url)  # an action that only takes POST: ask it the way a form would
        allowed = expected_allowed(role, area, kind)
        if allowed == refused(response, role):
            wrong.append(f"{name} {url}: {response.status_code} {getattr(response, 'url', '')} (expected {'allowed' if allowed else 'refused'})")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


def test_every_admin_url_of_the_modules_is_in_the_matrix():
    """A new view of a module must be given its place in DESIGN, or this fails."""
    open_to_every_user = {"vvg_accounts_setup", "vvg_accounts_verify"}  # the sign-in's second step
    ours = re.compile(r"vvg|events|^search_admin:")
    unplaced = [
        name
        for name, route in walk()
        if route.startswith("admin/") and ours.search(name) and name not in open_to_every_user
        and not name.startswith("vvg_registers:") and area_of(name) is None
    ]
    assert unplaced == []
