"""FastSelect renders what Django's Select does (the filters and the registration form rely on it)."""

from html.parser import HTMLParser

import pytest
from django import forms

from vvg.core.models import Measure
from vvg.core.widgets import FastSelect


class Elements(HTMLParser):
    """The elements of a fragment with their attributes in any order, and the text: what a browser reads."""

    def __init__(self, html):
        super().__init__()
        self.items = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.items.append((tag, sorted(attrs)))

    def handle_endtag(self, tag):
        self.items.append(("/" + tag,))

    def handle_data(self, data):
        if data.strip():
            self.items.append(("text", data.strip()))


def both(field_class, data=None, **options):
    """The field rendered with Django's Select and with FastSelect, from the same data."""
    form_class = type("Both", (forms.Form,), {
        "django": field_class(widget=forms.Select, **options),
        "fast": field_class(widget=FastSelect, **options),
    })
    form = form_class({"django": data, "fast": data} if data is not None else None)
    return [Elements(str(form[name]).replace(name, "field")).items for name in ("django", "fast")]


@pytest.mark.parametrize("data", [None, "", "b", "3", "nera"])
def test_choices_render_the_same_selected_and_escaped(data):
    choices = [("", "Visos"), ("b", "Bendruomenės <ir> NVO"), (3, "Trečias"), ("b", "Dar kartą b")]
    django, fast = both(forms.ChoiceField, data, choices=choices, required=False)
    assert fast == django
    assert ("text", "Bendruomenės <ir> NVO") in fast  # escaped in the HTML, read back as text


def test_a_required_select_and_its_errors_render_the_same():
    django, fast = both(forms.ChoiceField, "", choices=[("", "— pasirinkite —"), ("a", "A")])
    assert fast == django and ("aria-invalid", "true") in fast[0][1]


@pytest.mark.django_db
def test_model_choices_render_the_same():
    Measure.objects.create(code="M1", name="Pirmoji priemonė", budget=1000)
    Measure.objects.create(code="M2", name="Antroji priemonė", budget=2000)
    measure = Measure.objects.get(code="M2")
    django, fast = both(forms.ModelChoiceField, str(measure.pk), queryset=Measure.objects.order_by("code"),
                        required=False, empty_label="Visos priemonės")
    assert fast == django and ("option", [("selected", None), ("value", str(measure.pk))]) in fast


def test_option_groups_fall_back_to_django():
    choices = [("Pirmoji", [("a", "A"), ("b", "B")]), ("c", "C")]
    django, fast = both(forms.ChoiceField, "b", choices=choices)
    assert fast == django and ("optgroup", [("label", "Pirmoji")]) in fast
