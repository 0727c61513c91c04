"""The plugin's settings: the VVG dict, its defaults, the system check, the base template, the admin menus."""

import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from events.services import retention_days
from vvg.core.checks import check_vvg_settings
from vvg.core.conf import OPTIONS, vvg_setting
from vvg.core.models import VVGSettings
from vvg.news.models import NewsIndexPage


def ids(messages):
    return [message.id for message in messages]


def test_every_setting_has_a_default_that_passes_its_own_check(settings):
    settings.VVG = {name: option.default for name, option in OPTIONS.items()}
    assert check_vvg_settings() == []


def test_a_key_the_dict_leaves_out_takes_its_default(settings):
    settings.VVG = {}
    assert retention_days() == 3 * 365
    settings.VVG = {"REGISTRATION_RETENTION_DAYS": 30}
    assert retention_days() == 30


@pytest.mark.parametrize(
    ("value", "expected_id", "words"),
    [
        (["REGISTRATION_RETENTION_DAYS"], "vvg.E001", "must be a dict"),
        ({"RETENTION_DAYS": 30}, "vvg.E002", "is not a setting"),
        ({"REGISTRATION_RETENTION_DAYS": "730"}, "vvg.E003", "a whole number"),
        ({"REGISTRATION_RETENTION_DAYS": -5}, "vvg.E004", "at least 1"),
        ({"REGISTRATION_RATE_LIMIT": 20}, "vvg.E003", "a pair"),
        ({"REGISTRATION_RATE_LIMIT": (20, 0)}, "vvg.E004", "positive"),
        ({"DISABLED_PARTICIPATION_SOURCES": "membership"}, "vvg.E003", "a list of texts"),
        ({"CLIENT_IP_HEADER": 1}, "vvg.E003", "text or None"),
        ({"IMPORT_MAX_FILE_SIZE": True}, "vvg.E003", "a whole number"),
        ({"ADMIN_MENUS": "evaluation"}, "vvg.E003", "a list of texts"),
    ],
)
def test_a_wrong_setting_is_reported_clearly(settings, value, expected_id, words):
    settings.VVG = value
    messages = check_vvg_settings()
    assert ids(messages) == [expected_id]
    assert words in messages[0].msg


def test_an_unknown_key_suggests_the_close_one(settings):
    settings.VVG = {"REGISTRATION_RETENTION_DAY": 30}
    (message,) = check_vvg_settings()
    assert "REGISTRATION_RETENTION_DAY" in message.msg
    assert "Did you mean 'REGISTRATION_RETENTION_DAYS'?" in message.hint


def test_a_flat_setting_name_of_an_older_release_is_pointed_to_the_dict(settings):
    settings.VVG = {}
    settings.VVG_EMBED_ORIGINS = ["https://www.ignalina.lt"]
    (message,) = check_vvg_settings()
    assert message.id == "vvg.W002"
    assert "VVG['EMBED_ORIGINS']" in message.hint


def test_manage_py_check_stops_on_a_wrong_setting(settings):
    settings.VVG = {"REGISTRATION_RETENTION_DAYS": -30}
    with pytest.raises(SystemCheckError, match=r"vvg\.E004"):
        call_command("check")


def test_a_base_template_without_the_context_processor_is_a_warning(settings):
    settings.VVG = {"BASE_TEMPLATE": "layout.html"}
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
        }
    ]
    assert ids(check_vvg_settings()) == ["vvg.W001"]


@pytest.mark.django_db
def test_the_plugin_pages_sit_inside_the_configured_base_template(settings, tmp_path, home_page, client):
    (tmp_path / "host_layout.html").write_text(
        '<html><head>{% block extra_css %}{% endblock %}</head><body><div id="host-layout">'
        "{% block content %}{% endblock %}</div></body></html>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    settings.VVG = {"BASE_TEMPLATE": "host_layout.html"}
    index = home_page.add_child(instance=NewsIndexPage(title="Naujienos", slug="naujienos", intro="VVG naujienos."))

    html = client.get(index.url).content.decode()

    assert '<div id="host-layout">' in html
    assert "VVG naujienos." in html
    # The page's extra_head (its feed links) lands in the host's extra_css block.
    assert 'type="application/rss+xml"' in html
    assert "skip-link" not in html  # not the site's own base.html


@pytest.mark.django_db
def test_without_a_setting_the_pages_extend_the_sites_base_html(home_page, client):
    index = home_page.add_child(instance=NewsIndexPage(title="Naujienos", slug="naujienos", intro="VVG naujienos."))
    html = client.get(index.url).content.decode()
    assert "skip-link" in html
    assert html.count('type="application/rss+xml"') == 1
    assert vvg_setting("BASE_TEMPLATE") == "base.html"


@pytest.mark.django_db
def test_a_host_sites_own_vvg_base_html_wins_the_normal_django_way(settings, tmp_path, home_page, client):
    (tmp_path / "vvg").mkdir()
    (tmp_path / "vvg" / "base.html").write_text('<main id="host-main">{% block content %}{% endblock %}</main>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    index = home_page.add_child(instance=NewsIndexPage(title="Naujienos", slug="naujienos", intro="VVG naujienos."))

    html = client.get(index.url).content.decode()

    assert html.startswith('<main id="host-main">')
    assert "VVG naujienos." in html


@pytest.mark.django_db
def test_the_configured_eu_statement_shows_when_the_site_settings_leave_it_empty(settings, home_page, client):
    VVGSettings.objects.update_or_create(site=home_page.get_site(), defaults={"eu_statement": ""})
    settings.VVG = {"EU_STATEMENT": "Co-funded by the European Union"}
    index = home_page.add_child(instance=NewsIndexPage(title="Naujienos", slug="naujienos"))

    html = client.get(index.url).content.decode()

    assert "Co-funded by the European Union" in html
    assert "Bendrai finansuoja Europos Sąjunga" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("shown", "present", "absent"),
    [
        (None, ["Organizacijos ir priemonės", "Stebėsena", "Dalyviai ir konsultacijos"], []),
        (["monitoring"], ["Stebėsena"], ["Organizacijos ir priemonės", "Dalyviai ir konsultacijos"]),
    ],
)
def test_only_the_admin_menus_the_site_chose_show(vvg_settings, admin_client, shown, present, absent):
    vvg_settings(ADMIN_MENUS=shown)
    html = admin_client.get("/admin/").content.decode()
    # The sidebar is drawn from JSON props; its labels are JSON strings.
    labels = {json.loads(f'"{label}"') for label in re.findall(r'"label": "((?:[^"\\]|\\.)*)"', html)}
    assert set(present) <= labels
    assert not set(absent) & labels
    assert "Puslapiai" in labels  # Wagtail's own menus are never touched


@pytest.mark.django_db
def test_a_hidden_menu_still_leaves_its_views_to_those_with_permission(vvg_settings, admin_client):
    vvg_settings(ADMIN_MENUS=[])
    assert admin_client.get("/admin/snippets/vvg_indicators/indicator/").status_code == 200
