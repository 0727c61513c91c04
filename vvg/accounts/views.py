"""The admin pages of sign-in security: set up and enter the second factor, reset it, the lock-out page."""

from urllib.parse import urlencode

from axes.helpers import get_cool_off
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from . import lockout, twofactor
from .forms import CodeForm


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return url if safe else reverse("wagtailadmin_home")


def signed_in(request):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': request.path})}")
    return None


@require_http_methods(["GET", "POST"])
def setup(request):
    """Show a new authenticator's QR code and secret; confirming its first code turns it on."""
    if response := signed_in(request):
        return response
    if twofactor.has_device(request.user):
        # Changing the app goes through a superuser's reset, so a stolen session cannot swap it.
        messages.info(request, _("Two-factor authentication is already on for your account."))
        return redirect(next_url(request))
    device = twofactor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if twofactor.confirm(device, form.cleaned_data["code"]):
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on. You will enter a code at every sign-in."))
            return redirect(next_url(request))
        form.add_error("code", _("The code is wrong or has expired. Enter the code the app shows now."))
    context = {
        "form": form,
        "next": next_url(request),
        "required": twofactor.is_required(request.user),
        "qr_svg": twofactor.qr_svg(device, _("QR code for the authenticator app")),
        "secret": twofactor.secret_text(device),
    }
    return TemplateResponse(request, "vvg_accounts/setup.html", context)


@require_http_methods(["GET", "POST"])
def verify(request):
    """Enter the code of the authenticator at sign-in."""
    if response := signed_in(request):
        return response
    if not twofactor.has_device(request.user):
        return redirect(f"{reverse('vvg_accounts_setup')}?{urlencode({'next': next_url(request)})}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = twofactor.matching_device(request.user, form.cleaned_data["code"])
        if device:
            otp_login(request, device)
            return redirect(next_url(request))
        form.add_error("code", _("The code is wrong or has expired. Enter the code the app shows now."))
    return TemplateResponse(request, "vvg_accounts/verify.html", {"form": form, "next": next_url(request)})


@require_http_methods(["GET", "POST"])
def reset(request, user_id):
    """A superuser removes another person's authenticator (a lost phone)."""
    superuser_only(request)
    person = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        twofactor.reset(person)
        messages.success(request, _("Two-factor authentication of %(user)s was reset.") % {"user": person.get_username()})
        return redirect("wagtailusers_users:index")
    context = {"person": person, "has_device": twofactor.has_device(person)}
    return TemplateResponse(request, "vvg_accounts/reset.html", context)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked sign-in (AXES_LOCKOUT_CALLABLE), on the admin's login layout."""
    minutes = max(1, round(get_cool_off(request).total_seconds() / 60))
    context = {"cooloff_minutes": minutes}
    return TemplateResponse(request, "vvg_accounts/locked_out.html", context, status=429).render()


def superuser_only(request):
    if not request.user.is_superuser:
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def lockouts(request):
    """Sign-ins locked now, and lifting one (before the cool-off ends) for a superuser."""
    superuser_only(request)
    if request.method == "POST":
        lifted = lockout.lift(request.POST.get("attempt"))
        if lifted:
            messages.success(request, _("The sign-in lock of %(user)s was lifted.") % {"user": lifted.username})
        return redirect("vvg_accounts_lockouts")
    return TemplateResponse(request, "vvg_accounts/lockouts.html", {"attempts": lockout.current()})
