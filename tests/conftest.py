"""Shared fixtures: the site's home page, users in roles, and a real Chromium for browser tests."""

import io
import os

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def empty_cache():
    """The public pages' cache (menus, settings, whole pages: vvg.core.cache) outlives the database rollback
    between tests; each test starts with it empty, as a site does after a restart."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def home_page(db):
    """The home page the migrations create and the default site serves."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content (`load_demo_content`, seconds to build), loaded once for a whole test module.

    For modules whose every test reads it: `pytestmark = [pytest.mark.django_db,
    pytest.mark.usefixtures("demo_content")]`. It lives in a transaction open until the module ends,
    so a test of the module that did not ask for it would see it too. Each test still runs in its own
    savepoint (the `db` fixture): what one test changes, the next one never sees.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def vvg_settings(settings):
    """Set keys of the plugin's VVG settings dict for one test: ``vvg_settings(EMBED_LIMIT=3)``."""

    def set_keys(**values):
        settings.VVG = {**getattr(settings, "VVG", {}), **values}

    return set_keys


@pytest.fixture
def make_user(django_user_model):
    """Create a user, optionally in one of the roles' groups."""

    def make(username="user", group=None, password="Teisingas-slaptazodis-1", **extra):
        user = django_user_model.objects.create_user(username=username, password=password, **extra)
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture(scope="session")
def playwright_driver(request):
    """Playwright, started before the test database when the run has browser tests.

    Playwright's sync API switches the context Django's connections live in; a connection made
    before it starts is lost with its serialized test data, and the rollbacks of the browser
    tests (``serialized_rollback``) would then restore nothing.
    """
    if not any(item.get_closest_marker("browser") for item in request.session.items):
        yield None
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def django_db_setup(playwright_driver, django_db_setup):
    yield


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """Debian's Chromium driven by Playwright; no browser download is ever needed."""
    chromium = playwright_driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def page_in_browser(browser):
    context = browser.new_context(locale="lt-LT")
    tab = context.new_page()
    yield tab
    context.close()
