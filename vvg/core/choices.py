"""Choice lists shared by the plugin's models, forms and import files."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """The sector of an organisation; R.S.2.3034 counts the civil-society and business ones."""

    PUBLIC = "public", _("public sector")
    BUSINESS = "business", _("business")
    CIVIL = "civil", _("civil society / NGO")
