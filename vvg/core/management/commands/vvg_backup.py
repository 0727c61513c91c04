"""Write a backup archive of the database and media files (vvg.core.backup)."""

from django.core.management.base import BaseCommand, CommandError

from vvg.core import backup


class Command(BaseCommand):
    help = (
        "Writes vvg-backup-<time>.tar.gz (database, media files, manifest) into DIRECTORY "
        "(default: $VVG_BACKUP_DIR, else ./backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="where to write the archive")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, **options):
        try:
            archive = backup.create_backup(options["directory"], using=options["database"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive}"))
