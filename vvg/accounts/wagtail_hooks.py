from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton

from . import twofactor, urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include(urls))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    if twofactor.has_device(request.user):
        return None
    return {
        "url": reverse("vvg_accounts_setup"),
        "label": _("Two-factor authentication"),
        "help_text": _("Protect your account with a code from an authenticator app at every sign-in."),
    }


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if request_user.is_superuser and twofactor.has_device(user):
        yield ListingButton(
            _("Reset two-factor authentication"), reverse("vvg_accounts_reset", args=[user.pk]), priority=60
        )


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return SuperuserMenuItem(_("Sign-in locks"), reverse("vvg_accounts_lockouts"), icon_name="lock", order=610)
