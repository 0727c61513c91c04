"""Password guessing on the Wagtail login page is locked out per user name and address, and can be lifted."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PASSWORD = "Teisingas-slaptazodis-1"
OFFICE = "192.0.2.10"
ELSEWHERE = "198.51.100.7"
LOCKED = "Per daug nesėkmingų bandymų prisijungti"


def attempt(client, username, password, address=OFFICE):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def locked(client, make_user, settings):
    """User "redaktore" locked out from the office address after the allowed number of wrong passwords."""
    make_user("redaktore", "Redaktoriai")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "redaktore", "neteisingas-slaptazodis")
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    response = attempt(client, "redaktore", "neteisingas-slaptazodis")
    assert response.status_code == 429
    return response


def test_too_many_wrong_passwords_lock_the_user_out_with_a_clear_message(client, locked, settings):
    page = locked.content.decode()
    assert "Prisijungimas užblokuotas" in page and LOCKED in page
    assert f"po {round(settings.AXES_COOLOFF_TIME * 60)} min." in page

    # Even the right password is refused now, on the real login page.
    response = attempt(client, "redaktore", PASSWORD)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_lock_holds_one_user_at_one_address_only(client, locked, make_user):
    make_user("kolege", "Redaktoriai")
    assert attempt(client, "kolege", PASSWORD).status_code == 302  # a colleague behind the same address
    client.logout()
    assert attempt(client, "redaktore", PASSWORD, address=ELSEWHERE).status_code == 302  # the user from home


def test_a_superuser_lifts_the_lock_in_the_admin(client, locked, make_user):
    superuser = make_user("admin", is_superuser=True)
    client.force_login(superuser)
    listing = client.get("/admin/sign-in-locks/")
    assert listing.status_code == 200 and "redaktore" in listing.content.decode()
    assert "Prisijungimo blokavimai" in client.get("/admin/").content.decode()  # in the Settings menu
    attempt_id = AccessAttempt.objects.get(username="redaktore").pk
    response = client.post("/admin/sign-in-locks/", {"attempt": attempt_id}, follow=True)
    assert "redaktore prisijungimo blokavimas panaikintas" in response.content.decode()
    client.logout()
    assert attempt(client, "redaktore", PASSWORD).status_code == 302


def test_others_do_not_see_the_locks(client, locked, make_user):
    client.force_login(make_user("tvarkytoja", "Registrų tvarkytojai"))
    response = client.get("/admin/sign-in-locks/")
    assert response.status_code in (302, 403) and "redaktore" not in response.content.decode()
    assert AccessAttempt.objects.filter(username="redaktore").exists()


def test_the_axes_reset_command_lifts_every_lock(client, locked):
    call_command("axes_reset", verbosity=0)
    assert attempt(client, "redaktore", PASSWORD).status_code == 302
