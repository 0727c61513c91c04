"""The proof that the plugin installs into any Wagtail site: the README's steps, run for real.

Builds the wheel and sdist, installs the wheel into a fresh virtual environment (dependencies from
PyPI), makes a bare `wagtail start` project beside it, adds only the plugin's apps and URLs, runs
`migrate` and `check`, creates pages through the ORM and fetches them over HTTP from the project's
own server. Nothing of this repository's site (site/, home/, search/, templates/) is on the path.
The second project leaves `events` out. Takes a few minutes: most of it is pip and the migrations.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import feedparser
import pytest

REPO = Path(__file__).resolve().parents[1]

# Its own project on its own SQLite file: the same under any DATABASE_URL, so CI runs it once.
pytestmark = pytest.mark.standalone

# What README "Use the plugin in your own Wagtail site" tells a host site to add, word for word.
SETTINGS_ADDITION = '''
# The vvg plugin.
INSTALLED_APPS = [
    "vvg.core",
    "vvg.calls",
    "vvg.projects",
    "vvg.news",
    "vvg.evaluations",
    "vvg.indicators",
    "vvg.api",
    "events",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "rest_framework",
    "ninja",
    "wagtail_modeladmin",
    "import_export",
    *INSTALLED_APPS,
]
TEMPLATES[0]["OPTIONS"]["context_processors"] += [
    "wagtail.contrib.settings.context_processors.settings",
    "vvg.core.context_processors.vvg",
]
LANGUAGE_CODE = "lt"
TIME_ZONE = "Europe/Vilnius"
VVG = {"REGISTRATION_RETENTION_DAYS": 730}
'''
URLS_ANCHOR = "urlpatterns = urlpatterns + ["
URLS_ADDITION = '''
    path("api/", include("vvg.api.urls")),
    path("", include("vvg.projects.urls")),'''

# The same project without events, in its own database.
NO_EVENTS_SETTINGS = '''from .dev import *  # noqa: F403

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "events"]  # noqa: F405
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "no_events.sqlite3"}}  # noqa: F405
'''

POPULATE = '''"""A call page, and an event page when events is installed, made through the ORM."""
import datetime
import json
from decimal import Decimal

import django

django.setup()

import vvg
from django.apps import apps
from django.utils import timezone
from wagtail.models import Site

from vvg.calls.models import CallIndexPage, CallPage
from vvg.core.models import Measure


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


home = Site.objects.get(is_default_site=True).root_page
now = timezone.now().replace(microsecond=0)
measure = Measure.objects.create(code="1.1", name="Socialinis verslas", budget=Decimal("100000"))
calls = publish(home, CallIndexPage(title="Kvietimai", slug="kvietimai"))
call = publish(calls, CallPage(
    title="Kvietimas socialiniam verslui", slug="kvietimas-1", number="Nr. 1", measure=measure,
    summary="Parama socialiniam verslui.", opens_at=now - datetime.timedelta(days=1),
    closes_at=now + datetime.timedelta(days=30), total_allocation=Decimal("100000"),
    max_grant=Decimal("20000"), funding_rate=Decimal("80"), selection_mode="competition",
    eligible_applicants="<p>NVO</p>", eligible_activities="<p>Paslaugos</p>",
    contact_name="VVG", contact_email="info@example.lt",
))
paths = {"calls": calls.url, "call": call.url, "vvg_file": vvg.__file__}
if apps.is_installed("events"):
    from events.models import EventIndexPage, EventPage

    events = publish(home, EventIndexPage(title="Renginiai", slug="renginiai"))
    start = now + datetime.timedelta(days=7)
    event = publish(events, EventPage(
        title="Informacinis renginys", slug="renginys-1", intro="Apie kvietima.", venue="Ignalina",
        start=start, end=start + datetime.timedelta(hours=2),
    ))
    paths.update(events=events.url, event=event.url)
print(json.dumps(paths))
'''

COUNT = '''"""Indicators compute from the sources present; which of the events modules got imported."""
import json
import sys

import django

django.setup()

from django.test import Client

from vvg.core.models import Organisation
from vvg.indicators.services import count_participation
from vvg.indicators.sources import participation_sources


Organisation.objects.create(name="Ignalinos bendruomene", legal_code="300000001", sector="civil", is_member=True)
client = Client()
statuses = {path: client.get(path).status_code for path in ["/kvietimai/kvietimas-1/", "/kvietimai/rss/", "/api/v2/pages/"]}
result = count_participation()
print(json.dumps({
    "organisations": [organisation.name for organisation in result.organisations],
    "participations": result.participations,
    "sources": sorted(participation_sources()),
    "statuses": statuses,
    "events_modules": sorted(name for name in sys.modules if name == "events" or name.startswith("events.")),
}))
'''


def run(*args, cwd, env=None, timeout=600):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def clean_env(settings_module=None):
    """The environment of a stranger's machine: no path into this repository, the project's own settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "DJANGO", "VIRTUAL_ENV"))}
    return env | ({"DJANGO_SETTINGS_MODULE": settings_module} if settings_module else {})


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url):
    with NO_PROXY.open(url, timeout=30) as response:
        return response.status, response.headers.get_content_type(), response.read().decode()


class Project:
    def __init__(self, root, python):
        self.root, self.python = root, python

    def manage(self, *args, settings="bare.settings.dev"):
        return run(self.python, "manage.py", *args, cwd=self.root, env=clean_env(settings))

    def script(self, name, source, settings="bare.settings.dev"):
        (self.root / name).write_text(source)
        return json.loads(run(self.python, name, cwd=self.root, env=clean_env(settings)))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    work = tmp_path_factory.mktemp("plugin_install")
    dist = work / "dist"
    run(sys.executable, "-m", "build", "--outdir", dist, REPO, cwd=work)
    (wheel,) = dist.glob("vvg-*.whl")
    assert list(dist.glob("vvg-*.tar.gz")), "python -m build made no sdist"

    run(sys.executable, "-m", "venv", work / "venv", cwd=work)
    python = work / "venv" / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel, cwd=work)
    root = work / "bare"
    root.mkdir()
    run(work / "venv" / "bin" / "wagtail", "start", "bare", root, cwd=work, env=clean_env())
    with (root / "bare" / "settings" / "base.py").open("a") as base:
        base.write(SETTINGS_ADDITION)
    urls = root / "bare" / "urls.py"
    urls.write_text(urls.read_text().replace(URLS_ANCHOR, URLS_ANCHOR + URLS_ADDITION, 1))
    (root / "bare" / "settings" / "no_events.py").write_text(NO_EVENTS_SETTINGS)
    return Project(root, python)


def test_the_plugin_serves_its_pages_feeds_and_api_in_a_bare_wagtail_project(project):
    project.manage("migrate", "--noinput")
    assert "no issues" in project.manage("check")
    paths = project.script("populate.py", POPULATE)
    assert paths["vvg_file"].startswith(str(project.python.parents[1]))  # the installed wheel, not this repository

    port = free_port()
    server = subprocess.Popen(
        [project.python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=project.root, env=clean_env("bare.settings.dev"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, _, call_html = fetch(base + paths["call"])
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "the development server did not answer"
                time.sleep(0.5)

        assert status == 200
        assert "Kvietimas socialiniam verslui" in call_html
        assert "Paramos intensyvumas" in call_html  # the plugin's own Lithuanian catalogue came with it
        # Inside the host's own layout (its stylesheet), with the page's own stylesheet in the host's extra_css.
        assert "/static/css/bare.css" in call_html
        assert "/static/vvg_calls/calls.css" in call_html

        status, _, event_html = fetch(base + paths["event"])
        assert status == 200
        assert "Informacinis renginys" in event_html
        assert "Ignalina" in event_html

        feed = feedparser.parse(fetch(base + paths["calls"] + "rss/")[2])
        assert [entry.title for entry in feed.entries] == ["Kvietimas socialiniam verslui"]

        _, content_type, ical = fetch(base + paths["events"] + "ical/")
        assert content_type == "text/calendar"
        assert "SUMMARY:Informacinis renginys" in ical

        _, content_type, body = fetch(base + "/api/v2/pages/?type=vvg_calls.CallPage&fields=number")
        assert content_type == "application/json"
        assert [(item["title"], item["number"]) for item in json.loads(body)["items"]] == [
            ("Kvietimas socialiniam verslui", "Nr. 1")
        ]
        _, _, body = fetch(base + "/api/v2/pages/?type=events.EventPage")
        assert [item["title"] for item in json.loads(body)["items"]] == ["Informacinis renginys"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_without_events_the_indicators_still_compute_and_nothing_imports_events(project):
    settings = "bare.settings.no_events"
    project.manage("migrate", "--noinput", settings=settings)
    assert "no issues" in project.manage("check", settings=settings)
    assert "event" not in project.script("populate_no_events.py", POPULATE, settings=settings)

    found = project.script("count.py", COUNT, settings=settings)

    assert found["statuses"] == {"/kvietimai/kvietimas-1/": 200, "/kvietimai/rss/": 200, "/api/v2/pages/": 200}
    assert found["organisations"] == ["Ignalinos bendruomene"]
    assert found["participations"] == 1
    assert "membership" in found["sources"]
    assert {"events", "consultations"}.isdisjoint(found["sources"])  # the sources events registers
    assert found["events_modules"] == []
