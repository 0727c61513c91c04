"""Two-factor sign-in (TOTP) for the roles that handle personal data and scores, with real codes."""

import time
from base64 import b32decode

import pytest
from bs4 import BeautifulSoup
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from vvg.core.roles import EDITORS, EVALUATION_COORDINATORS, REGISTER_KEEPERS

pytestmark = pytest.mark.django_db

PASSWORD = "Teisingas-slaptazodis-1"
WRONG_CODE = "Kodas neteisingas arba nebegalioja"
# After a wrong code django-otp refuses every code for 1 s, doubling with each further failure.
THROTTLE_SECONDS = 1.1


@pytest.fixture(autouse=True)
def policy(vvg_settings):
    """The production rule (the test settings leave it off for the rest of the suite)."""
    vvg_settings(TWO_FACTOR_GROUPS=[EVALUATION_COORDINATORS, REGISTER_KEEPERS], TWO_FACTOR_SUPERUSERS=True)


def code(key, steps_ahead=0):
    """The code an authenticator app shows for this key now (or that many 30-second steps later)."""
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def sign_in(client, username):
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def set_up(client):
    """Go through the setup page as a person with a phone would; returns the key the app learned."""
    page = BeautifulSoup(client.get("/admin/two-factor/setup/?next=/admin/").content, "html.parser")
    key = b32decode(page.select_one("#totp-secret").get_text().replace(" ", ""))
    response = client.post("/admin/two-factor/setup/", {"code": code(key), "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"
    return key


@pytest.mark.parametrize("group", [EVALUATION_COORDINATORS, REGISTER_KEEPERS])
def test_a_required_role_must_set_up_an_app_before_any_admin_page(client, make_user, group):
    make_user("koordinatore", group)
    sign_in(client, "koordinatore")
    response = client.get("/admin/account/")
    assert response.status_code == 302
    assert response.url == "/admin/two-factor/setup/?next=%2Fadmin%2Faccount%2F"

    page = client.get(response.url)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.h1.get_text() == "Dviejų veiksnių autentifikavimo įjungimas"
    svg = soup.select_one(".vvg-qr svg")
    assert svg is not None and svg.find("path")  # drawn inline, nothing fetched from elsewhere
    assert not soup.select(".vvg-qr img")
    key = b32decode(soup.select_one("#totp-secret").get_text().replace(" ", ""))

    wrong = client.post("/admin/two-factor/setup/", {"code": f"{(int(code(key)) + 1) % 10**6:06d}", "next": "/admin/account/"})
    assert wrong.status_code == 200 and WRONG_CODE in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    time.sleep(THROTTLE_SECONDS)
    right = client.post("/admin/two-factor/setup/", {"code": code(key), "next": "/admin/account/"})
    assert right.status_code == 302 and right.url == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200
    assert TOTPDevice.objects.get(user__username="koordinatore").confirmed


def test_later_sign_ins_need_a_fresh_code_and_a_used_one_is_refused(client, make_user):
    make_user("tvarkytoja", REGISTER_KEEPERS)
    sign_in(client, "tvarkytoja")
    key = set_up(client)
    used = code(key)
    client.logout()

    sign_in(client, "tvarkytoja")
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/two-factor/verify/")
    page = client.get(response.url)
    assert "Įveskite kodą iš autentifikavimo programėlės" in page.content.decode()

    replay = client.post("/admin/two-factor/verify/", {"code": used, "next": "/admin/"})
    assert replay.status_code == 200 and WRONG_CODE in replay.content.decode()
    assert client.get("/admin/").status_code == 302

    time.sleep(THROTTLE_SECONDS)
    accepted = client.post("/admin/two-factor/verify/", {"code": code(key, steps_ahead=1), "next": "/admin/"})
    assert accepted.status_code == 302 and accepted.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_an_unverified_session_counts_as_signed_out_outside_the_admin(client, make_user, home_page):
    make_user("koordinatore", EVALUATION_COORDINATORS)
    sign_in(client, "koordinatore")
    response = client.get("/")
    assert response.status_code == 200
    assert "wagtail-userbar" not in response.content.decode()  # the editors' bar shows only to signed-in users


def test_other_roles_are_not_forced_but_may_turn_it_on(client, make_user):
    make_user("redaktore", EDITORS)
    sign_in(client, "redaktore")
    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/").content.decode()
    assert "/admin/two-factor/setup/" in account and "Dviejų veiksnių autentifikavimas" in account

    key = set_up(client)
    client.logout()
    sign_in(client, "redaktore")
    assert client.get("/admin/").url.startswith("/admin/two-factor/verify/")
    client.post("/admin/two-factor/verify/", {"code": code(key, steps_ahead=1), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_a_superuser_must_use_it_too_and_may_reset_anothers_app(client, make_user):
    koordinatore = make_user("koordinatore", EVALUATION_COORDINATORS)
    make_user("admin", is_superuser=True)
    sign_in(client, "koordinatore")
    set_up(client)
    client.logout()

    sign_in(client, "admin")
    assert client.get("/admin/users/").url.startswith("/admin/two-factor/setup/")
    set_up(client)
    listing = client.get("/admin/users/").content.decode()
    reset_url = f"/admin/two-factor/reset/{koordinatore.pk}/"
    assert reset_url in listing and "Atkurti dviejų veiksnių autentifikavimą" in listing
    response = client.post(reset_url, follow=True)
    assert "koordinatore dviejų veiksnių autentifikavimas atkurtas" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=koordinatore).exists()
    client.logout()

    # With the app gone, the coordinator sets up a new one at the next sign-in.
    sign_in(client, "koordinatore")
    assert client.get("/admin/").url.startswith("/admin/two-factor/setup/")


def test_only_a_superuser_may_reset(client, make_user):
    victim = make_user("koordinatore", EVALUATION_COORDINATORS)
    TOTPDevice.objects.create(user=victim, name="authenticator", confirmed=True)
    make_user("redaktore", EDITORS)
    sign_in(client, "redaktore")
    assert client.post(f"/admin/two-factor/reset/{victim.pk}/").status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=victim).exists()


def test_the_code_page_lets_a_person_without_their_phone_sign_out(client, make_user):
    make_user("tvarkytoja", REGISTER_KEEPERS)
    sign_in(client, "tvarkytoja")
    set_up(client)
    client.logout()
    sign_in(client, "tvarkytoja")
    page = BeautifulSoup(client.get("/admin/two-factor/verify/?next=/admin/").content, "html.parser")
    sign_out = page.find("form", action="/admin/logout/")
    assert sign_out.button.get_text(strip=True) == "Atsijungti"
    assert client.post("/admin/logout/").status_code == 302
    assert client.get("/admin/").url.startswith("/admin/login/")
