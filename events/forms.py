"""The public registration form of a training or an event."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vvg.core.choices import Sector
from vvg.core.models import Organisation, normalised_name
from vvg.core.widgets import FastSelect

from .services import Applicant


class RegistrationForm(forms.Form):
    """Name, e-mail, optional phone and organisation, and the two consents; `website` is a honeypot."""

    name = forms.CharField(label=_("Name and surname"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Phone (optional)"), max_length=50, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"})
    )
    organisation = forms.CharField(
        label=_("Organisation you represent (optional)"),
        max_length=255,
        required=False,
        help_text=_("Start typing to choose a VVG member, or write the name of your organisation."),
        widget=forms.TextInput(attrs={"list": "organisation-names", "autocomplete": "organization"}),
    )
    sector = forms.ChoiceField(
        label=_("Sector of the organisation"),
        choices=[("", _("— choose —")), *Sector.choices],
        required=False,
        widget=FastSelect,
        help_text=_("Needed when your organisation is not in our list."),
    )
    processing_consent = forms.BooleanField(label=_("I agree to the processing of my data as described above."))
    photo_consent = forms.BooleanField(
        label=_("I agree that photos in which I can be recognised may be published (optional)."), required=False
    )
    # Hidden from people (CSS and aria-hidden); bots that fill every field reveal themselves.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    messages = {
        "processing_consent": _("Registration needs your consent to the processing of your data."),
        "sector": _("Choose the sector of your organisation."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["processing_consent"].error_messages["required"] = self.messages["processing_consent"]
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        self.matched_organisation = None

    @staticmethod
    def suggested_organisations():
        """Names offered while typing: VVG members only, since their membership is public anyway."""
        return Organisation.objects.filter(is_member=True).order_by("name").values_list("name", flat=True)

    def is_spam(self):
        return bool(self.data.get("website"))

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean(self):
        cleaned = super().clean()
        typed = " ".join(cleaned.get("organisation", "").split())
        if typed:
            wanted = normalised_name(typed)
            self.matched_organisation = next(
                (o for o in Organisation.objects.only("name", "sector") if o.normalised_name == wanted), None
            )
            if self.matched_organisation is None and not cleaned.get("sector"):
                self.add_error("sector", self.messages["sector"])
        return cleaned

    def applicant(self):
        data = self.cleaned_data
        organisation = self.matched_organisation
        return Applicant(
            name=data["name"],
            email=data["email"],
            phone=data["phone"].strip(),
            organisation=organisation,
            organisation_name=" ".join(data["organisation"].split()),
            sector=organisation.sector if organisation else (data["sector"] if data["organisation"] else ""),
            processing_consent=data["processing_consent"],
            photo_consent=data["photo_consent"],
        )
