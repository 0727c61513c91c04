from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The admin's sign-in policy: two-factor authentication (TOTP) and the login lock-out page."""

    name = "vvg.accounts"
    label = "vvg_accounts"
    verbose_name = _("VVG sign-in security")
