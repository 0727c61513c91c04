"""Enforce the two-factor policy of vvg.accounts.twofactor on every request.

Runs after django_otp's OTPMiddleware, which tells whether this session entered a code. A user who
must enter one (vvg.accounts.twofactor.must_verify) and has not is sent from any admin page to the
code page, or to the setup page when they have no authenticator yet; outside the admin (private
documents, page previews) such a session counts as not signed in.
"""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from . import twofactor

# What an unverified session may still reach: signing in and out, the two pages of this app,
# and the admin's own JavaScript translations those pages load.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "vvg_accounts_setup",
    "vvg_accounts_verify",
}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and twofactor.must_verify(user):
            if request.path_info.startswith(reverse("wagtailadmin_home")):
                if not self.is_open(request.path_info):
                    return self.send_to_code_page(request, user)
            else:
                request.user = AnonymousUser()
        return self.get_response(request)

    @staticmethod
    def is_open(path):
        try:
            return resolve(path).url_name in OPEN_URL_NAMES
        except Resolver404:
            return False

    @staticmethod
    def send_to_code_page(request, user):
        page = "vvg_accounts_verify" if twofactor.has_device(user) else "vvg_accounts_setup"
        next_url = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
        return redirect(f"{reverse(page)}?{urlencode({'next': next_url})}")
