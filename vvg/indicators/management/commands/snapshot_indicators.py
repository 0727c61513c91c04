"""Record today's value of every computed indicator, so history outlives anonymised registers.

Run it on a schedule (e.g. monthly from cron); a second run on the same day replaces that day's values.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from vvg.indicators import services
from vvg.indicators.choices import IndicatorMethod
from vvg.indicators.models import Indicator


class Command(BaseCommand):
    help = "Write a measurement with today's value for each computed indicator."

    def handle(self, *args, **options):
        with transaction.atomic():
            written, skipped = services.take_snapshots(Indicator.objects.filter(method=IndicatorMethod.COMPUTED))
        for measurement in written:
            self.stdout.write(f"  {measurement.indicator.code}: {measurement.value} ({measurement.date:%Y-%m-%d})")
        for indicator in skipped:
            self.stderr.write(f"  {indicator.code}: no installed app computes “{indicator.source_name}”; skipped")
        self.stdout.write(f"Snapshots: {len(written)} written, {len(skipped)} skipped.")
