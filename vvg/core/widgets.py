"""Form widgets of the public pages."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECTED = mark_safe(" selected")


class FastSelect(forms.Select):
    """Django's `Select` with the same HTML, rendered by one string join instead of a template per option.

    The listings' filters and the registration form have dozens of options; through Django's form
    templates they cost about a fifth of an uncached listing page. Option groups fall back to Django.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        options, has_selected = [], False
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                return super().render(name, value, attrs, renderer)
            option_value = "" if option_value is None else str(option_value)
            selected = (not has_selected or self.allow_multiple_selected) and option_value in chosen
            has_selected |= selected
            options.append((option_value, SELECTED if selected else "", label))
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(final_attrs),
            format_html_join("", '\n  <option value="{}"{}>{}</option>', options),
        )
