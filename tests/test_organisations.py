"""Organisations and strategy measures: rules of the models and their Wagtail snippet admin."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from vvg.core.choices import Sector
from vvg.core.models import Measure, Organisation, normalised_name
from vvg.core.roles import EDITORS, MONITORING, REGISTER_KEEPERS

ORGANISATIONS = "/admin/snippets/vvg_core/organisation/"
MEASURES = "/admin/snippets/vvg_core/measure/"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("UAB „Ignalinos vandenys“", "ignalinos vandenys"),
        ("„Ignalinos  vandenys“, UAB", "ignalinos vandenys"),
        ('VšĮ "Ignalinos socialinių paslaugų centras"', "ignalinos socialinių paslaugų centras"),
        ("Asociacija „Ignalinos miesto bendruomenė“", "ignalinos miesto bendruomenė"),
        ("Ignalinos krašto asociacija", "ignalinos krašto"),
        ("MB «Žalias kelias»", "žalias kelias"),
        ("IĮ „Jono dirbtuvės“", "jono dirbtuvės"),
        ("Uždaroji akcinė bendrovė „Ignalinos šiluma“", "ignalinos šiluma"),
        ("  IGNALINOS   Kultūros centras ", "ignalinos kultūros centras"),
        ("Uabų gatvės klubas", "uabų gatvės klubas"),  # a word merely starting like a legal form stays
        ("UAB", "uab"),  # nothing would be left: keep the word
        ("", ""),
    ],
)
def test_normalised_name(name, expected):
    assert normalised_name(name) == expected


def test_the_same_organisation_written_differently_has_one_identity():
    a = Organisation(name="UAB „Ignalinos duona“", sector=Sector.BUSINESS)
    b = Organisation(name="Ignalinos duona, UAB", sector=Sector.BUSINESS)
    assert a.normalised_name == b.normalised_name == "ignalinos duona"
    assert a.identity_key == b.identity_key == ("name", "ignalinos duona")
    assert Organisation(name="X", legal_code="302111111").identity_key == ("code", "302111111")


@pytest.mark.django_db
def test_legal_code_is_unique_when_given_and_may_be_blank_many_times():
    Organisation.objects.create(name="Pirma", sector=Sector.CIVIL)
    Organisation.objects.create(name="Antra", sector=Sector.CIVIL)
    Organisation.objects.create(name="Trečia", legal_code="302111111", sector=Sector.CIVIL)

    duplicate = Organisation(name="Ketvirta", legal_code="302111111", sector=Sector.CIVIL)
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        duplicate.full_clean()
    assert caught.value.message_dict == {"legal_code": ["An organisation with this legal entity code already exists."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    Organisation(name="Penkta", legal_code="", sector=Sector.CIVIL).full_clean()


@pytest.mark.django_db
def test_clean_tidies_spaces():
    organisation = Organisation(name="  Ignalinos   bendruomenė ", legal_code=" 302111111 ", sector=Sector.CIVIL)
    organisation.full_clean()
    assert (organisation.name, organisation.legal_code) == ("Ignalinos bendruomenė", "302111111")


def test_sectors_and_verbose_names_have_english_msgids():
    with translation.override("en"):
        assert [str(label) for _value, label in Sector.choices] == ["public sector", "business", "civil society / NGO"]
        assert str(Organisation._meta.verbose_name) == "organisation"
        assert str(Measure._meta.verbose_name_plural) == "measures"
    assert [value for value, _label in Sector.choices] == ["public", "business", "civil"]


@pytest.mark.django_db
def test_measure_code_is_unique_and_budget_not_negative():
    Measure.objects.create(code="VPS-1.1", name="Socialinis verslas", budget=Decimal("150000.00"))
    with pytest.raises(ValidationError) as caught:
        Measure(code="VPS-1.1", name="Kita", budget=Decimal("-1")).full_clean()
    assert set(caught.value.message_dict) == {"code", "budget"}
    assert str(Measure.objects.get()) == "VPS-1.1 Socialinis verslas"


@pytest.mark.django_db
def test_register_keeper_lists_filters_and_adds_organisations(client, make_user):
    Organisation.objects.create(name="Ignalinos duona", sector=Sector.BUSINESS)
    Organisation.objects.create(name="Ignalinos bendruomenė", sector=Sector.CIVIL, is_member=True)
    client.force_login(make_user("tvarkytoja", REGISTER_KEEPERS))

    html = client.get(ORGANISATIONS, {"sector": "civil"}).content.decode()
    assert "Ignalinos bendruomenė" in html and "Ignalinos duona" not in html
    html = client.get(ORGANISATIONS, {"is_member": "false"}).content.decode()
    assert "Ignalinos duona" in html and "Ignalinos bendruomenė" not in html

    response = client.post(
        f"{ORGANISATIONS}add/",
        {"name": "VšĮ „Ignalinos sveikata“", "legal_code": "302333333", "sector": "public", "website": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Organisation.objects.get(legal_code="302333333").sector == Sector.PUBLIC
    # Saved through the form, the search index is kept by Wagtail's own signals.
    assert "Ignalinos sveikata" in client.get(ORGANISATIONS, {"q": "sveikata"}).content.decode()


@pytest.mark.django_db
def test_editors_see_and_choose_organisations_and_measures_but_do_not_change_them(client, make_user):
    organisation = Organisation.objects.create(name="Ignalinos bendruomenė", sector=Sector.CIVIL)
    Measure.objects.create(code="VPS-1.1", name="Socialinis verslas", budget=Decimal("1"))
    editor = make_user("redaktore", EDITORS)
    assert editor.has_perms(["vvg_core.view_organisation", "vvg_core.view_measure"])
    assert not editor.has_perm("vvg_core.change_organisation")
    client.force_login(editor)

    assert "Ignalinos bendruomenė" in client.get(ORGANISATIONS).content.decode()
    assert "Socialinis verslas" in client.get(MEASURES).content.decode()
    assert "Ignalinos bendruomenė" in client.get("/admin/snippets/choose/vvg_core/organisation/").json()["html"]
    assert "VPS-1.1" in client.get("/admin/snippets/choose/vvg_core/measure/").json()["html"]
    response = client.get(f"{ORGANISATIONS}edit/{organisation.pk}/")
    assert response.status_code == 302 and response.url == "/admin/"


@pytest.mark.django_db
def test_other_roles_get_no_register_rights(make_user):
    monitoring = make_user("stebetoja", MONITORING)
    assert not monitoring.has_perm("vvg_core.add_organisation")
    keeper = make_user("tvarkytoja", REGISTER_KEEPERS)
    assert keeper.has_perms(["vvg_core.delete_organisation", "vvg_core.add_measure", "vvg_core.change_measure"])
    assert not keeper.has_perm("vvg_core.delete_measure")
