"""Fill a fresh site with the VVG's demo content; safe to run again (it only adds what is missing)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home import demo_content, demo_english


class Command(BaseCommand):
    help = "Create the demo pages, settings and English translations that are still missing (home, about, …)."

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                ctx = demo_content.DemoContext.for_default_site()
                for builder in demo_content.BUILDERS + demo_english.BUILDERS:
                    builder(ctx)
        except demo_content.DemoContentError as error:
            raise CommandError(f"Cannot load demo content: {error}") from error

        for item in ctx.created:
            self.stdout.write(self.style.SUCCESS(f"  created  {item}"))
        for item in ctx.present:
            self.stdout.write(f"  present  {item}")
        self.stdout.write(f"Demo content: {len(ctx.created)} created, {len(ctx.present)} already present.")
        if ctx.created:
            self.stdout.write("Contacts are placeholders: replace them in Settings → VVG settings and on /kontaktai/.")
