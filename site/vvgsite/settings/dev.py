"""Local development: `make run`."""

import os

from .base import *  # noqa: F401,F403
from .base import VVG

DEBUG = True
SECRET_KEY = "dev-only-not-secret-0b5d9f0c-vvg"  # noqa: S105 - never used outside a developer's machine
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo's administrator signs in with the printed password alone; VVG_DEV_TWO_FACTOR=true
# asks for the authenticator code as production does.
if os.environ.get("VVG_DEV_TWO_FACTOR", "false").lower() != "true":
    VVG = {**VVG, "TWO_FACTOR_GROUPS": [], "TWO_FACTOR_SUPERUSERS": False}
