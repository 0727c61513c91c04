"""Security headers: the Content-Security-Policy chosen by path, and a Permissions-Policy.

Public pages get the strict policy of ``CONTENT_SECURITY_POLICY`` (django-csp's own setting): no
inline scripts and no nonces, because public pages may be served from a full-page cache where a
per-request nonce would be stale. Wagtail's admin renders inline scripts and styles, so paths
under ``CONTENT_SECURITY_POLICY_ADMIN["URL_PREFIXES"]`` get that setting's looser ``DIRECTIVES``.
A view that sets its own ``Content-Security-Policy`` header (the embeds' ``frame-ancestors``)
keeps it: django-csp never overwrites a header a view has set.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

from .conf import vvg_setting

# Browser features no page of the site uses; a script injected despite the CSP gets none of them.
DEFAULT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)


def client_ip(request):
    """The visitor's address: behind a proxy, from the header VVG["CLIENT_IP_HEADER"] names.

    Used by the registration rate limit and by django-axes (AXES_CLIENT_IP_CALLABLE), so a
    lock-out hits the guesser, not the proxy every request comes from.
    """
    header = vvg_setting("CLIENT_IP_HEADER")
    address = request.META.get(header, "").split(",")[0].strip() if header else ""
    return address or request.META.get("REMOTE_ADDR", "")


def admin_policy():
    return getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None) or {}


def uses_admin_policy(path):
    return path.startswith(tuple(admin_policy().get("URL_PREFIXES", ())))


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's policy for admin paths, plus Permissions-Policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and uses_admin_policy(request.path_info):
            parts = PolicyParts(default_config(admin_policy()["DIRECTIVES"]), parts.update, parts.replace, parts.nonce)
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        policy = getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response
