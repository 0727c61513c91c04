"""Roles created by migration, the first administrator, and the content pages' blocks."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from home.models import StandardPage
from vvg.core.roles import ALL_ROLES, EDITORS, EVALUATORS

pytestmark = pytest.mark.django_db


def test_migration_creates_the_five_roles():
    assert set(Group.objects.filter(name__in=ALL_ROLES).values_list("name", flat=True)) == set(ALL_ROLES)


def test_editor_can_add_and_publish_pages_but_an_evaluator_cannot(client, make_user, home_page):
    editor = make_user("redaktore", EDITORS)
    evaluator = make_user("vertintojas", EVALUATORS)
    add_url = f"/admin/pages/add/home/standardpage/{home_page.pk}/"

    client.force_login(evaluator)
    assert client.get("/admin/").status_code == 200
    assert client.get(add_url).status_code in (302, 403)

    client.force_login(editor)
    assert client.get(add_url).status_code == 200
    response = client.post(
        add_url,
        {"title": "Naujas puslapis", "slug": "naujas", "intro": "", "body-count": "0", "action-publish": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(slug="naujas")
    assert page.live
    assert client.get("/naujas/").status_code == 200


def test_editor_may_upload_images_and_documents(make_user):
    editor = make_user("redaktore", EDITORS)
    for perm in ("wagtailimages.add_image", "wagtaildocs.add_document"):
        assert editor.has_perm(perm) or Group.objects.get(name=EDITORS).collection_permissions.filter(
            permission__codename=perm.split(".")[1]
        ).exists()


def test_ensure_superuser_prints_a_generated_password_once(capsys, django_user_model, monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    call_command("ensure_superuser")
    first = capsys.readouterr().out
    password = first.split("Password (shown only this once): ")[1].split()[0]
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)

    call_command("ensure_superuser")
    second = capsys.readouterr().out
    assert password not in second and "already exists" in second
    admin.refresh_from_db()
    assert admin.check_password(password)


def test_ensure_superuser_takes_djangos_environment_variables(monkeypatch, django_user_model):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "vvgadmin")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Ilgas-slaptazodis-2026")
    call_command("ensure_superuser")
    assert django_user_model.objects.get(username="vvgadmin").check_password("Ilgas-slaptazodis-2026")


def test_standard_page_renders_every_content_block(client, home_page):
    body = [
        {"type": "heading", "value": "Tikslai"},
        {"type": "paragraph", "value": "<p>Mažinti <b>socialinę atskirtį</b>.</p>"},
        {
            "type": "table",
            "value": {
                "data": [["Rodiklis", "Siektina reikšmė"], ["P.B.2.0080", "1"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Rodikliai",
            },
        },
        {"type": "accordion", "value": {"heading": "DUK", "items": [{"question": "Kas gali teikti?", "answer": "<p>NVO.</p>"}]}},
        {"type": "call_to_action", "value": {"title": "Kvietimai", "text": "", "page": None, "url": "https://ignalina.lt/", "button_label": "Daugiau"}},
        {"type": "contact_card", "value": {"name": "VVG administracija", "role": "", "phone": "+370 600 00000", "email": "info@example.lt", "address": ""}},
    ]
    page = StandardPage(title="Blokai", slug="blokai", body=body)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/blokai/").content.decode()
    assert "<h2>Tikslai</h2>" in html and "<b>socialinę atskirtį</b>" in html
    assert '<th scope="col"' in html and "<caption>Rodikliai</caption>" in html
    assert "<summary>Kas gali teikti?</summary>" in html
    assert 'href="https://ignalina.lt/"' in html
    assert 'href="mailto:info@example.lt"' in html
