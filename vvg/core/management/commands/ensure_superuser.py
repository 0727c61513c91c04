"""Create the first administrator once, from Django's own DJANGO_SUPERUSER_* variables."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Creates a superuser named $DJANGO_SUPERUSER_USERNAME (default: admin) with "
        "$DJANGO_SUPERUSER_PASSWORD, or a generated password printed once. Does nothing if the user exists."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME") or "admin"
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Administrator '{username}' already exists; its password is unchanged.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Created administrator '{username}'."))
        if generated:
            self.stdout.write(
                self.style.WARNING(f"Password (shown only this once): {password}\n")
                + "Change it later with: .venv/bin/python manage.py changepassword " + username
            )
