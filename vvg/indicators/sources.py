"""The plugin seam of computed indicators: what other apps report through two Wagtail hooks.

Apps do not import this module; they register a callable that takes no arguments (a function or
simply a class) and returns an object following one of these protocols.

``register_vvg_participation_source`` — organisations that took part in preparing or implementing
the strategy (R.S.2.3034). The object has:

    name            a stable key, e.g. "events"; VVG["DISABLED_PARTICIPATION_SOURCES"] lists
                    the names that must not be counted
    label           what the drill-down and reports call the source
    participations()  an iterable of (organisation, activity, date) tuples:
                    organisation  a vvg_core Organisation; an unsaved one (name, legal_code, sector)
                                  when the register holds organisations as free text; None
                                  (a private person) is left out
                    activity      text naming what the organisation took part in, unique within the
                                  source (e.g. "Mokymai „…“ (2026-03-16)"); never a person's data
                    date          a datetime.date, or None for an undated participation (membership)

``register_vvg_activity_counter`` — counts for the VVG's reports (trainings held, people trained, …).
The object has:

    name            a stable key, e.g. "trainings_held"; a computed indicator names it as its source
    label           what reports and the results page call the count
    count(start=None, end=None)   the number (int, or Decimal for money) of activities dated from
                    `start` to `end`, both inclusive; None leaves that side open
    unit            optional text after the number, e.g. "€"
    public          optional; True shows the count as a headline figure on the public results page
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from vvg.core.conf import vvg_setting
from vvg.core.models import Organisation

PARTICIPATION_SOURCE_HOOK = "register_vvg_participation_source"
ACTIVITY_COUNTER_HOOK = "register_vvg_activity_counter"


def _registered(hook_name):
    """The objects the hook's callables return, by name; two with one name is a programming error."""
    found = {}
    for make in hooks.get_hooks(hook_name):
        item = make()
        if item.name in found:
            raise ImproperlyConfigured(f"Two {hook_name} hooks use the name {item.name!r}.")
        found[item.name] = item
    return found


def participation_sources():
    """Every registered participation source, by name, switched off or not."""
    return _registered(PARTICIPATION_SOURCE_HOOK)


def disabled_participation_sources():
    return set(vvg_setting("DISABLED_PARTICIPATION_SOURCES"))


def enabled_participation_sources():
    disabled = disabled_participation_sources()
    return [source for name, source in participation_sources().items() if name not in disabled]


def participation_source_states():
    """(source, counted or not) of every registered source, for the drill-down."""
    disabled = disabled_participation_sources()
    return [(source, name not in disabled) for name, source in participation_sources().items()]


def activity_counters():
    """Every registered activity counter, by name."""
    return _registered(ACTIVITY_COUNTER_HOOK)


class MembershipSource:
    """The VVG's member organisations take part in the strategy by belonging to the VVG."""

    name = "membership"
    label = _("VVG membership")

    def participations(self):
        activity = str(self.label)
        for organisation in Organisation.objects.filter(is_member=True):
            yield organisation, activity, None
