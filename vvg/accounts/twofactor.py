"""Who must use two-factor authentication, and their authenticator app (a django-otp TOTP device).

The roles that see personal data and evaluation scores (VVG["TWO_FACTOR_GROUPS"]) and, with
VVG["TWO_FACTOR_SUPERUSERS"], superusers must confirm an authenticator app before they use the
admin. Anyone else may add one; whoever has a confirmed one enters a code at every sign-in.
"""

from base64 import b32encode

import segno
from django_otp.plugins.otp_totp.models import TOTPDevice

from vvg.core.conf import vvg_setting

DEVICE_NAME = "authenticator"


def is_required(user):
    if user.is_superuser and vvg_setting("TWO_FACTOR_SUPERUSERS"):
        return True
    groups = vvg_setting("TWO_FACTOR_GROUPS")
    return bool(groups) and user.groups.filter(name__in=groups).exists()


def has_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def must_verify(user):
    """Whether this signed-in user may do nothing in the admin before entering a code."""
    return user.is_authenticated and not user.is_verified() and (has_device(user) or is_required(user))


def pending_device(user):
    """The not yet confirmed device the setup page shows; the same one until it is confirmed."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def confirm(device, token):
    """Confirm a new device with the first code it shows; False when the code is wrong."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.devices_for_user(device.user, confirmed=False).delete()
    return True


def matching_device(user, token):
    """The user's confirmed device that accepts the code, or None (each device throttles guesses)."""
    for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None


def reset(user):
    """Remove a user's devices (a lost phone); a required user sets up a new one at the next sign-in."""
    return TOTPDevice.objects.filter(user=user).delete()[0]


def secret_text(device):
    """The secret in base32, in groups of four, for typing into an app without a camera."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device, title):
    """The provisioning URL as an inline SVG QR code: drawn here, nothing loaded from elsewhere."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=4, title=title)
