"""`make bench` (scripts/bench.py): the production settings, with e-mail to nowhere.

The registration POSTs of the benchmark would otherwise try to reach an SMTP server for every
confirmation; everything else is production as deployed.
"""

from .production import *  # noqa: F401,F403

EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
