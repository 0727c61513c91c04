"""django-import-export resources: the base every register's file format builds on, and vvg.core's own.

Column headers are the model's field names and values are written the way they are read back,
so an exported file imports again as "unchanged".
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader, CachedInstanceLoader
from import_export.results import RowResult

from .audit import log_import
from .import_formats import is_blank, parse_amount, parse_date_time, unescape_formula
from .models import Measure, Organisation


class TextWidget(widgets.CharWidget):
    """Text without surrounding spaces; a code a spreadsheet stored as a number comes back as "123"."""

    def __init__(self, coerce_to_string=True, allow_blank=True):
        super().__init__(coerce_to_string=coerce_to_string, allow_blank=allow_blank)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = super().clean(value, row, **kwargs)
        # An exported cell carries an apostrophe before text a spreadsheet would run as a formula.
        return unescape_formula(value.strip()) if isinstance(value, str) else value


class ChoiceWidget(TextWidget):
    """Writes a choice's key; reads the key or its label in the current language or in English."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = [(str(key), label) for key, label in choices if key not in (None, "")]
        self._keys_by_language = {}

    def _keys(self):
        """{word: key} for each choice's key, label and English label, made once per language.

        Translating every label for every cell (with a switch to English and back) was the largest
        single cost of importing a big file. The first choice that has a word keeps it.
        """
        language = translation.get_language()
        if language not in self._keys_by_language:
            with translation.override("en"):
                english = [str(label) for _key, label in self.choices]
            keys = {}
            for (key, label), label_in_english in zip(self.choices, english, strict=True):
                for word in (key, str(label), label_in_english):
                    keys.setdefault(word.casefold(), key)
            self._keys_by_language[language] = keys
        return self._keys_by_language[language]

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if not text:
            return text
        key = self._keys().get(text.casefold())
        if key is None:
            raise ValueError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(key for key, _label in self.choices)}
            )
        return key


class YesNoWidget(widgets.BooleanWidget):
    """A yes/no column of a non-null field: 1/0, true/false, taip/ne or yes/no; empty means no."""

    TRUE_WORDS = {"1", "true", "taip", "yes", "t", "y"}
    FALSE_WORDS = {"0", "false", "ne", "no", "n", ""}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return bool(value)
        word = str(int(value) if isinstance(value, float) and value.is_integer() else value).strip().casefold()
        if word in self.TRUE_WORDS:
            return True
        if word in self.FALSE_WORDS:
            return False
        raise ValueError(_("Write 1 for yes or 0 for no."))

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return bool(value)
        return "1" if value else "0"


class DecimalWidget(widgets.DecimalWidget):
    """Amounts such as "12500.50", "12 500,50", "1234,56 €" or a spreadsheet number; written as plain "12500.50"."""

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        return parse_amount(value)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class DateWidget(widgets.DateWidget):
    """Dates written year first (2026-03-31, 2026.03.31), or a spreadsheet's date cells; written as 2026-03-31."""

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        return parse_date_time(value, with_time=False)


class DateTimeWidget(widgets.DateTimeWidget):
    """Local time written year first, "2026-05-04 09:30" (also 2026.05.04 09:30), or a spreadsheet's date cell."""

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d %H:%M")
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        moment = parse_date_time(value, with_time=True)
        return timezone.make_aware(moment) if settings.USE_TZ and timezone.is_naive(moment) else moment


class NoDiff:
    """Stands in for import-export's Diff, which exports every field of every row twice for an HTML
    diff that nothing here shows: the preview names the changed columns itself (importing.py)."""

    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


class RegisterResource(resources.ModelResource):
    """The base of every register's resource: all-or-nothing, bulk, unchanged rows skipped.

    Subclasses set Meta.model and Meta.fields and may name `required_columns`, `unique_columns`
    (values that may appear once per file) and `label_column` (what the preview shows per row).
    """

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        "CharField": TextWidget,
        "TextField": TextWidget,
        "DecimalField": DecimalWidget,
        "BooleanField": YesNoWidget,
        "DateField": DateWidget,
        "DateTimeField": DateTimeWidget,
    }
    required_columns = ()
    unique_columns = ()
    label_column = None
    # File row of each dataset row (the header is row 1); the import service sets it.
    row_numbers = None

    class Meta:
        use_transactions = True
        use_bulk = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        skip_html_diff = True
        store_row_values = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.choices and not f.is_relation:
            return lambda **kwargs: ChoiceWidget(f.choices, **kwargs)
        return super().widget_from_django_field(f, default)

    def get_diff_class(self):
        return NoDiff

    # import-export works the field lists out again for every row and every use; they never change
    # during one import or export, and each of those has a resource of its own.
    def get_import_fields(self):
        if not hasattr(self, "_import_fields"):
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def get_export_fields(self, selected_fields=None):
        cached = getattr(self, "_export_fields", {})
        key = tuple(selected_fields) if selected_fields else None
        if key not in cached:
            self._export_fields = {**cached, key: super().get_export_fields(selected_fields)}
        return self._export_fields[key]

    def column_of(self, attribute):
        for field in self.fields.values():
            if field.attribute == attribute:
                return field.column_name
        return attribute

    def file_row_number(self, dataset_row_number):
        if self.row_numbers:
            return self.row_numbers[dataset_row_number - 1]
        return dataset_row_number + 1

    def check_headers(self, headers):
        """Messages about the header row; a misspelt column must not be silently ignored."""
        known = [field.column_name for field in self.fields.values()]
        errors = []
        duplicates = sorted({header for header in headers if headers.count(header) > 1})
        if duplicates:
            errors.append(_("These columns appear more than once: %(columns)s.") % {"columns": ", ".join(duplicates)})
        unknown = [header for header in headers if header not in known]
        if unknown:
            errors.append(
                _("Unknown columns: %(unknown)s. The columns are: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(known)}
            )
        missing = [column for column in self.required_columns if column not in headers]
        if missing:
            errors.append(_("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)})
        return errors

    def before_import(self, dataset, **kwargs):
        self._seen = {}
        # A row repeated exactly is a copy-and-paste slip more often than two real records.
        self._first_row_of = {}
        for number, values in enumerate(dataset, start=1):
            self._first_row_of.setdefault(_row_key(values), number)

    def after_import(self, dataset, result, **kwargs):
        # Inside the import's transaction: the log entries are kept exactly when the rows are.
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        kinds = {RowResult.IMPORT_TYPE_NEW: "new", RowResult.IMPORT_TYPE_UPDATE: "update"}
        log_import(
            [
                (row.instance, kinds[row.import_type], self.file_row_number(number))
                for number, row in enumerate(result.rows, start=1)
                if row.import_type in kinds and row.instance is not None
            ],
            user=kwargs.get("user"),
        )

    def after_init_instance(self, instance, new, row, **kwargs):
        # Bulk saving happens after all rows are read, so the database cannot catch repeats within a file.
        number = self.file_row_number(kwargs["row_number"])
        first_same = self._first_row_of.get(_row_key(row.values()))
        if first_same is not None and first_same != kwargs["row_number"]:
            raise ValidationError(
                _("This row repeats row %(row)s exactly; remove one of them.") % {"row": self.file_row_number(first_same)}
            )
        if not new:
            first = self._seen.setdefault(("pk", instance.pk), number)
            if first != number:
                raise ValidationError(_("Row %(row)s already changes the same record.") % {"row": first})
        errors = {}
        for column in self.unique_columns:
            field = self.fields[column]
            try:
                value = field.clean(row) if column in row else None
            except (ValueError, ArithmeticError):
                continue  # import_instance() reports the bad value itself
            if value not in (None, ""):
                first = self._seen.setdefault((column, value), number)
                if first != number:
                    errors[field.attribute] = _("The same value as in row %(row)s.") % {"row": first}
        if errors:
            raise ValidationError(errors)

    def get_bulk_update_fields(self):
        pk_name = self._meta.model._meta.pk.attname
        return [
            field.attribute
            for field in self.get_import_fields()
            if field.attribute and not field.readonly and field.attribute != pk_name
        ]


def _row_key(values):
    return tuple("" if value is None else str(value).strip() for value in values)


class OrganisationInstanceLoader(BaseInstanceLoader):
    """Finds a row's organisation by legal entity code, else by id; two queries for the whole file."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        codes, ids = set(), set()
        for row in dataset.dict if dataset else []:
            codes.add(self._value("legal_code", row, quiet=True))
            ids.add(self._value("id", row, quiet=True))
        queryset = resource.get_queryset()
        self.by_code = {o.legal_code: o for o in queryset.filter(legal_code__in=codes - {None, ""})}
        self.by_id = {o.pk: o for o in queryset.filter(pk__in=ids - {None})}

    def _value(self, column, row, quiet=False):
        if column not in row:
            return None
        try:
            return self.resource.fields[column].clean(row)
        except (ValueError, ArithmeticError):
            if quiet:
                return None
            raise ValidationError({column: _("Enter a whole number.")})

    def get_instance(self, row):
        code = self._value("legal_code", row)
        pk = self._value("id", row)
        if code and code in self.by_code:
            found = self.by_code[code]
            if pk is not None and pk != found.pk:
                message = _("This legal entity code belongs to another organisation (id %(id)s).")
                raise ValidationError({"legal_code": message % {"id": found.pk}})
            return found
        if pk is None:
            return None
        if pk not in self.by_id:
            raise ValidationError({"id": _("No organisation has this id; leave it empty to add a new organisation.")})
        return self.by_id[pk]


class OrganisationResource(RegisterResource):
    # The id is only a key for rows without a legal entity code; it is never written from a file.
    id = Field(attribute="id", column_name="id", widget=widgets.IntegerWidget(), readonly=True)

    required_columns = ("name",)
    unique_columns = ("legal_code", "id")
    label_column = "name"

    class Meta:
        model = Organisation
        fields = ("id", "name", "legal_code", "sector", "is_member", "website")
        instance_loader_class = OrganisationInstanceLoader

    def get_instance(self, instance_loader, row):
        return instance_loader.get_instance(row)


class MeasureResource(RegisterResource):
    required_columns = ("code",)
    unique_columns = ("code",)
    label_column = "name"

    class Meta:
        model = Measure
        fields = ("code", "name", "objective", "budget")
        import_id_fields = ("code",)
        instance_loader_class = CachedInstanceLoader
