"""The plugin's settings: one `VVG` dict in the host site's settings module; every key is optional.

    VVG = {
        "REGISTRATION_RETENTION_DAYS": 730,
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
    }

Code reads a value with `vvg_setting("REGISTRATION_RETENTION_DAYS")`. `vvg.core.checks` reports
unknown keys and wrong values when the site starts (`manage.py check`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

SETTING_NAME = "VVG"

# The statement of EU co-funding the publicity rules require; the site settings may replace it.
EU_STATEMENT = "Bendrai finansuoja Europos Sąjunga"


def _whole_number(minimum):
    def validate(value):
        if isinstance(value, bool) or not isinstance(value, int):
            return "type", "a whole number"
        if value < minimum:
            return "value", f"at least {minimum}"
        return None

    return validate


def _text(optional=False):
    def validate(value):
        if value is None and optional:
            return None
        if not isinstance(value, str):
            return "type", "text" + (" or None" if optional else "")
        return None

    return validate


def _texts(value):
    is_list = isinstance(value, (list, tuple, set, frozenset))  # a lone str would be read letter by letter
    if not is_list or not all(isinstance(item, str) for item in value):
        return "type", "a list of texts"
    return None


def _rate_limit(value):
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return "type", "a pair (attempts, seconds)"
    for number in value:
        if isinstance(number, bool) or not isinstance(number, int):
            return "type", "a pair of whole numbers (attempts, seconds)"
        if number < 1:
            return "value", "a pair of positive numbers (attempts, seconds)"
    return None


def _texts_or_none(value):
    return None if value is None else _texts(value)


def _yes_no(value):
    return None if isinstance(value, bool) else ("type", "True or False")


@dataclass(frozen=True)
class Option:
    default: Any
    # Returns None for a good value, else (kind, expectation): kind "type" or "value" picks the check id.
    validate: Callable
    help: str


OPTIONS = {
    "REGISTRATION_RETENTION_DAYS": Option(
        3 * 365,
        _whole_number(1),
        "days after an event when `anonymise_registrations` removes the participants' personal data",
    ),
    "REGISTRATION_RATE_LIMIT": Option(
        (20, 10 * 60), _rate_limit, "registration attempts allowed per visitor address per that many seconds"
    ),
    "CLIENT_IP_HEADER": Option(
        None,
        _text(optional=True),
        "the request.META key a proxy puts the visitor's address in (e.g. HTTP_X_REAL_IP); None: REMOTE_ADDR",
    ),
    "DISABLED_PARTICIPATION_SOURCES": Option(
        (), _texts, "participation sources left out of indicator R.S.2.3034, e.g. ['membership']"
    ),
    "IMPORT_MAX_FILE_SIZE": Option(5 * 1024 * 1024, _whole_number(1), "the largest register file an import accepts, bytes"),
    "EU_STATEMENT": Option(EU_STATEMENT, _text(), "the EU funding statement when the site settings leave it empty"),
    "BASE_TEMPLATE": Option(
        "base.html",
        _text(),
        "the template vvg/base.html extends (needs the context processor vvg.core.context_processors.vvg)",
    ),
    "ADMIN_MENUS": Option(
        None,
        _texts_or_none,
        "the plugin's admin menus to show, by name: organisations-and-measures, evaluation, my-evaluations, "
        "monitoring, registers; None shows all",
    ),
    "EMBED_ORIGINS": Option([], _texts, "origins whose pages may frame the embeddable lists"),
    "EMBED_LIMIT": Option(10, _whole_number(1), "items in an embeddable list"),
    "API_CACHE_SECONDS": Option(300, _whole_number(0), "how long API and feed responses may be cached, seconds"),
    "PAGE_CACHE_SECONDS": Option(
        600,
        _whole_number(1),
        "the longest an anonymous page stays in vvg.core.pagecache (changes and status times end it sooner)",
    ),
    # Read by vvg.accounts; the names are those of vvg.core.roles (not imported: it translates).
    "TWO_FACTOR_GROUPS": Option(
        ["Vertinimo koordinatoriai", "Registrų tvarkytojai"],
        _texts,
        "groups whose members must sign in to the admin with a code from an authenticator app",
    ),
    "TWO_FACTOR_SUPERUSERS": Option(True, _yes_no, "whether superusers must sign in with a code as well"),
}


def configured():
    """The host's VVG dict; {} when it is missing or not a dict (the system check reports the latter)."""
    value = getattr(settings, SETTING_NAME, None)
    return value if isinstance(value, dict) else {}


def vvg_setting(name):
    """The value of one plugin setting: the VVG dict's, else the default."""
    option = OPTIONS[name]  # a KeyError here is a typo in the plugin's own code
    return configured().get(name, option.default)
