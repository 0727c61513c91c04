"""Anonymise registrations past the retention period (the setting VVG["REGISTRATION_RETENTION_DAYS"]).

Run it daily (cron or a systemd timer); it changes only registrations not anonymised yet.
"""

from django.core.management.base import BaseCommand

from events.services import anonymise_expired_registrations, retention_days


class Command(BaseCommand):
    help = "Blank the names, e-mails and phones of registrations for events that ended more than the retention period ago."

    def handle(self, *args, **options):
        count = anonymise_expired_registrations()
        self.stdout.write(f"Anonymised {count} registrations of events that ended more than {retention_days()} days ago.")
