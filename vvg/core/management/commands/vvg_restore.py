"""Restore a vvg_backup archive into an empty installation (vvg.core.backup)."""

from django.core.management.base import BaseCommand, CommandError

from vvg.core import backup


class Command(BaseCommand):
    help = (
        "Restores ARCHIVE (written by vvg_backup) into this installation's database and MEDIA_ROOT. "
        "Refuses a database that already holds data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz archive")
        parser.add_argument("--force", action="store_true", help="replace the data of a database in use")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, **options):
        try:
            result = backup.restore_backup(options["archive"], force=options["force"], using=options["database"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(
            f"Restored the backup of {manifest['created_at']}: {rows} rows, {result.media_files} media files. "
            "Run `manage.py migrate` if this code is newer than the backup."
        ))
