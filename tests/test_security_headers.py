"""Security headers: a strict Content-Security-Policy on public pages, a looser one in the admin, the rest.

The last test asks a real gunicorn with the production settings, as nginx would.
"""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from events.models import EventBasePage
from tests.gunicorn_server import ProductionServer

MUNICIPALITY = "https://www.ignalina.lt"


def directives(header):
    """{'script-src': ["'self'"], ...} of a Content-Security-Policy header."""
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def assert_public_policy(header):
    policy = directives(header)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in header and "nonce-" not in header


def assert_common_headers(headers):
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/kvietimai/", "/renginiai/", "/naujienos/", "/projektai/", "/paieska/?q=vvg"])
def test_public_pages_allow_only_the_sites_own_scripts_and_styles(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_public_policy(response["Content-Security-Policy"])
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    # The page itself keeps to the policy: no inline script, event handler or style the browser would block.
    page = BeautifulSoup(response.content, "html.parser")
    assert [script for script in page.find_all("script") if not script.get("src")] == []
    assert not page.find_all("style")
    assert not page.select("[style]")
    assert not [tag for tag in page.find_all(True) if any(name.startswith("on") for name in tag.attrs)]


@pytest.mark.django_db
def test_an_events_json_ld_is_data_the_policy_leaves_alone(client, demo):
    event = EventBasePage.objects.live().first().specific
    response = client.get(event.url)
    assert_public_policy(response["Content-Security-Policy"])
    inline = [script for script in BeautifulSoup(response.content, "html.parser").find_all("script") if not script.get("src")]
    # Browsers do not execute application/ld+json, so script-src does not apply to it.
    assert [script["type"] for script in inline] == ["application/ld+json"]
    assert '"@type": "' in inline[0].string or '"@type":"' in inline[0].string


@pytest.mark.django_db
def test_the_admin_gets_its_own_looser_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]  # Wagtail's admin has inline scripts
    assert policy["frame-ancestors"] == ["'self'"]  # the page preview panel
    assert policy["object-src"] == ["'none'"]
    assert_common_headers(response)


@pytest.mark.django_db
def test_embeds_load_only_their_stylesheet_and_keep_their_own_frame_ancestors(client, demo, vvg_settings):
    vvg_settings(EMBED_ORIGINS=[MUNICIPALITY])
    response = client.get("/embed/kvietimai/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"] and policy["style-src"] == ["'self'"] and "script-src" not in policy
    assert policy["frame-ancestors"] == [MUNICIPALITY]
    assert "<style" not in response.content.decode()
    assert "X-Frame-Options" not in response


@pytest.mark.django_db
def test_admin_sign_in_cookies_are_http_only_same_site_and_end_with_the_browser(client, make_user, settings):
    make_user("redaktore", "Redaktoriai")
    response = client.post("/admin/login/", {"username": "redaktore", "password": "Teisingas-slaptazodis-1"})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    assert 0 < client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE

    client.logout()
    response = client.post(
        "/admin/login/", {"username": "redaktore", "password": "Teisingas-slaptazodis-1", "remember": "on"}
    )
    assert int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == settings.SESSION_COOKIE_AGE


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    server = ProductionServer(tmp_path_factory.mktemp("gunicorn"), VVG_EMBED_ORIGINS=MUNICIPALITY).prepare()
    server.start()
    yield server
    server.stop()


@pytest.mark.standalone
def test_a_real_gunicorn_with_the_production_settings_sends_the_headers(production_server):
    status, headers, body = production_server.get("/")
    assert status == 200, body[:500]
    assert_public_policy(headers["Content-Security-Policy"])
    assert_common_headers(headers)
    assert headers["X-Frame-Options"] == "DENY"
    assert re.fullmatch(r"max-age=\d+; includeSubDomains; preload", headers["Strict-Transport-Security"])

    status, headers, body = production_server.get("/admin/login/")
    assert status == 200
    assert "'unsafe-inline'" in directives(headers["Content-Security-Policy"])["script-src"]
    assert_common_headers(headers)
    csrf_cookie = next(value for name, value in headers.items() if name == "Set-Cookie" and value.startswith("csrftoken="))
    assert "Secure" in csrf_cookie and "SameSite=Lax" in csrf_cookie

    status, headers, body = production_server.get("/embed/kvietimai/")
    assert status == 200
    assert directives(headers["Content-Security-Policy"])["frame-ancestors"] == [MUNICIPALITY]
    assert "X-Frame-Options" not in headers

    # Without the proxy's HTTPS mark, production sends the visitor to HTTPS.
    status, headers, _ = production_server.get("/", headers={"X-Forwarded-Proto": "http"})
    assert status == 301 and headers["Location"].startswith("https://")
