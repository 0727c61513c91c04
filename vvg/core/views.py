"""Admin views shared by every register: import with preview and confirmation, export as CSV or XLSX.

A register is a model with a django-import-export resource. `register_import_export()` offers
it at /admin/registers/<app_label>/<model_name>/…; a snippet viewset gets the listing buttons
by subclassing `ImportExportSnippetViewSet`. The import rules live in importing.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import importing
from .permissions import can_export, can_import

URL_NAMESPACE = "vvg_registers"


@dataclass(frozen=True)
class Register:
    model: type[models.Model]
    resource_class: type
    listing_url_name: str | None = None
    # Rules of permissions.py unless a register needs its own: callables of (user, model).
    may_import: Callable = can_import
    may_export: Callable = can_export

    @property
    def label(self):
        return self.model._meta.label_lower

    def url(self, name, **kwargs):
        meta = self.model._meta
        kwargs = {"app_label": meta.app_label, "model_name": meta.model_name, **kwargs}
        return reverse(f"{URL_NAMESPACE}:{name}", kwargs=kwargs)

    @property
    def listing_url(self):
        return reverse(self.listing_url_name or "wagtailadmin_home")

    @property
    def columns(self):
        """(column, label) of each column a file may have, for the import page's help."""
        result = []
        for field in self.resource_class().fields.values():
            try:
                label = self.model._meta.get_field(field.attribute).verbose_name
            except FieldDoesNotExist:
                label = field.column_name
            result.append((field.column_name, capfirst(label)))
        return result


_registers = {}


def register_import_export(model, resource_class, listing_url_name=None, may_import=None, may_export=None):
    """Offer import and export of `model` in the admin, read and written through `resource_class`."""
    register = Register(model, resource_class, listing_url_name, may_import or can_import, may_export or can_export)
    _registers[register.label] = register
    return register


def get_register(model):
    return _registers.get(model._meta.label_lower)


def import_buttons(model, user):
    """The header button of a register's listing that leads to its import, if `user` may import."""
    register = get_register(model)
    if register is None or not register.may_import(user, model):
        return []
    return [HeaderButton(_("Import"), url=register.url("import"), icon_name="upload", priority=50)]


def export_buttons(model, user):
    """Buttons for the listing's "more" menu that download the register, if `user` may export."""
    register = get_register(model)
    if register is None or not register.may_export(user, model):
        return []
    return [
        Button(
            _("Export %(format)s") % {"format": file_format.upper()},
            url=register.url("export", file_format=file_format),
            icon_name="download",
            priority=60 + position,
        )
        for position, file_format in enumerate(importing.FORMATS)
    ]


class RegisterMixin:
    """Looks the register up from the URL and refuses users whom its rule for `action` does not allow."""

    action = "import"

    def dispatch(self, request, app_label, model_name, **kwargs):
        self.register = _registers.get(f"{app_label}.{model_name}")
        if self.register is None:
            raise Http404
        if not getattr(self.register, f"may_{self.action}")(request.user, self.register.model):
            raise PermissionDenied
        return super().dispatch(request, **kwargs)


class ImportForm(forms.Form):
    import_file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV or XLSX as Excel saves them; the first row holds the column names. "
            "Dates year first (2025-03-14), amounts as 1 234,56."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > importing.max_file_size():
            raise forms.ValidationError(
                _("The file is larger than %(size)s.") % {"size": filesizeformat(importing.max_file_size())}
            )
        return upload


class RegisterImportView(RegisterMixin, WagtailAdminTemplateMixin, TemplateView):
    """Upload → preview (a dry run) → confirm. Nothing is saved unless every row is valid."""

    template_name = "vvg_core/admin/import.html"
    header_icon = "upload"

    def get_page_title(self):
        return _("Import: %(register)s") % {"register": capfirst(self.register.model._meta.verbose_name_plural)}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.register.listing_url, "label": capfirst(self.register.model._meta.verbose_name_plural)},
            {"url": "", "label": _("Import")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm())
        export_urls = [(f.upper(), self.register.url("export", file_format=f)) for f in importing.FORMATS]
        context.update(
            register=self.register,
            columns=self.register.columns,
            export_urls=export_urls if self.register.may_export(self.request.user, self.register.model) else [],
            import_url=self.register.url("import"),
            confirm_url=self.register.url("import_confirm"),
        )
        return context

    def post(self, request, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["import_file"]
        data = b"".join(upload.chunks())
        try:
            file_format = importing.detect_format(upload.name, data)
            report = importing.run_import(
                self.register.resource_class, data, file_format, dry_run=True, user=request.user, file_name=upload.name
            )
        except importing.ImportFileError as error:
            form.add_error("import_file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        token = None
        if report.ok and report.has_changes:
            token = importing.keep_pending(request.session, self.register.label, data, file_format, upload.name)
        return self.render_to_response(
            self.get_context_data(form=ImportForm(), report=report, token=token, file_name=upload.name)
        )


class RegisterImportConfirmView(RegisterImportView):
    """Imports for real the file kept at the preview step; the form carries only its token."""

    http_method_names = ["post"]

    def post(self, request, **kwargs):
        pending = importing.take_pending(request.session, self.register.label, request.POST.get("token"))
        if pending is None:
            messages.error(request, _("The previewed file is no longer available; upload it again."))
            return redirect(self.register.url("import"))
        data, file_format, file_name = pending
        try:
            report = importing.run_import(
                self.register.resource_class, data, file_format, dry_run=False, user=request.user, file_name=file_name
            )
        except importing.ImportFileError as error:
            messages.error(request, str(error))
            return redirect(self.register.url("import"))
        if not report.committed:
            messages.error(request, _("Nothing was imported: the file has errors."))
            return self.render_to_response(self.get_context_data(report=report, file_name=file_name))
        totals = report.totals
        messages.success(request, _("Import finished: %(new)s new, %(update)s updated, %(unchanged)s unchanged.") % {
            "new": totals["new"], "update": totals["update"], "unchanged": totals["unchanged"]
        })
        return redirect(self.register.listing_url)


class RegisterExportView(RegisterMixin, View):
    action = "export"

    def get(self, request, file_format):
        if file_format not in importing.FORMATS:
            raise Http404
        content = importing.export_file(self.register.resource_class, file_format)
        file_name = f"{self.register.model._meta.model_name}-{timezone.localdate():%Y-%m-%d}.{file_format}"
        response = HttpResponse(content, content_type=importing.CONTENT_TYPES[file_format])
        response["Content-Disposition"] = f'attachment; filename="{file_name}"'
        return response


def urlpatterns():
    prefix = "<str:app_label>/<str:model_name>/"
    return [
        path(f"{prefix}import/", RegisterImportView.as_view(), name="import"),
        path(f"{prefix}import/confirm/", RegisterImportConfirmView.as_view(), name="import_confirm"),
        path(f"{prefix}export/<str:file_format>/", RegisterExportView.as_view(), name="export"),
    ]


class ImportExportIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        return [*super().header_buttons, *import_buttons(self.model, self.request.user)]

    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *export_buttons(self.model, self.request.user)]


class ImportExportSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose listing offers import and export through `resource_class`."""

    resource_class = None
    index_view_class = ImportExportIndexView

    def on_register(self):
        super().on_register()
        register_import_export(self.model, self.resource_class, listing_url_name=self.get_url_name("list"))
