"""Backups of a whole installation: the database and the media files in one .tar.gz, with a manifest.

The database is copied while the site runs: SQLite through its online backup API (a consistent
snapshot even while others write), PostgreSQL with `pg_dump --format=custom` (one snapshot
transaction). The manifest names the versions, the applied migrations, the number of rows of every
model and a SHA-256 checksum of every file in the archive, so a restore can refuse a damaged
archive or one from newer code, and can prove afterwards that every row came back.

A restore goes into an empty installation only (see `holds_data`), unless forced.
"""

import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


def default_directory():
    return Path(getattr(settings, "VVG_BACKUP_DIR", None) or os.environ.get("VVG_BACKUP_DIR") or "backups")


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _version(distribution):
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _pg_env(settings_dict):
    """The libpq environment for pg_dump/pg_restore: the password never appears on a command line."""
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    if settings_dict.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = settings_dict["OPTIONS"]["sslmode"]
    return env


def _run(command, env):
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def row_counts(using="default"):
    """Rows per model ("app_label.model"), of every concrete model whose table the database has."""
    tables = set(connections[using].introspection.table_names())
    return {
        model._meta.label_lower: model._base_manager.using(using).count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in tables
    }


def holds_data(using="default"):
    """Whether the database holds anything of an installation in use: accounts, pages under the home
    page, images, documents or records of the registers. What migrations create (the root and home
    pages, groups, indicators) does not count."""
    counts = row_counts(using)
    if not counts:
        return False
    from wagtail.models import Page

    pages = counts.get("wagtailcore.page", 0) and Page.objects.using(using).filter(depth__gt=2).exists()
    filled = ("auth.user", "wagtailimages.image", "wagtaildocs.document", "vvg_core.organisation")
    return bool(pages) or any(counts.get(label) for label in filled)


def _dump_database(target_dir, using):
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    target = Path(target_dir) / DUMP_NAMES[vendor]
    if vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        settings_dict = connection.settings_dict
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}",
              settings_dict["NAME"]], _pg_env(settings_dict))
    return target, vendor


def _media_files(media_root):
    root = Path(media_root)
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def create_backup(directory=None, using="default"):
    """Write vvg-backup-<UTC time>.tar.gz into `directory`; returns its path."""
    directory = Path(directory or default_directory())
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    archive = directory / f"vvg-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        dump, vendor = _dump_database(work, using)
        media_root = Path(settings.MEDIA_ROOT)
        media = [(path, f"{MEDIA_PREFIX}/{path.relative_to(media_root).as_posix()}") for path in _media_files(media_root)]
        files = {dump.name: _sha256(dump), **{name: _sha256(path) for path, name in media}}
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": {"vendor": vendor, "file": dump.name},
            "versions": {
                "python": platform.python_version(),
                "django": _version("django"),
                "wagtail": _version("wagtail"),
                "vvg": _version("vvg"),
            },
            "migrations": sorted(
                [app, name] for app, name in MigrationRecorder(connections[using]).applied_migrations()
            ),
            "counts": row_counts(using),
            "files": files,
        }
        partial = archive.with_name(archive.name + ".partial")
        partial.touch(mode=0o600)  # personal data: readable by the site's user only
        with tarfile.open(partial, "w:gz") as tar:
            manifest_path = Path(work) / MANIFEST
            manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
            tar.add(manifest_path, arcname=MANIFEST)
            tar.add(dump, arcname=dump.name)
            for path, name in media:
                tar.add(path, arcname=name)
        partial.rename(archive)  # a half-written archive never looks like a backup
    return archive


@dataclass
class RestoreResult:
    manifest: dict
    media_files: int


def read_manifest(archive):
    try:
        with tarfile.open(archive, "r:gz") as tar:
            return json.load(tar.extractfile(MANIFEST))
    except (OSError, KeyError, tarfile.TarError, ValueError, AttributeError) as error:
        raise BackupError(f"{archive} is not a VVG backup archive ({error}).") from error


def _check_manifest(manifest, using):
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}; this code reads format {FORMAT_VERSION}.")
    vendor = connections[using].vendor
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(f"The backup holds a {manifest['database']['vendor']} database; this installation uses {vendor}.")
    known = {(migration.app_label, migration.name) for migration in _all_migrations()}
    unknown = [f"{app}.{name}" for app, name in manifest["migrations"] if (app, name) not in known]
    if unknown:
        raise BackupError(f"The backup comes from newer code (unknown migrations: {', '.join(unknown[:5])}).")


def _all_migrations():
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(None, ignore_no_migrations=True).disk_migrations.values()


def _extract(archive, manifest, work):
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(work, filter="data")  # refuses absolute paths, "..", links out and devices
    for name, digest in manifest["files"].items():
        path = Path(work) / PurePosixPath(name)
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"The archive is damaged: {name} does not match its checksum.")


def _load_database(path, using):
    connection = connections[using]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)  # replaces every page of the live database
        finally:
            source.close()
    else:
        connection.close()  # our own session must not hold locks on the tables pg_restore replaces
        settings_dict = connection.settings_dict
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              "--exit-on-error", f"--dbname={settings_dict['NAME']}", str(path)], _pg_env(settings_dict))


def restore_backup(archive, force=False, using="default"):
    """Restore `archive` into this installation's database and MEDIA_ROOT; checks every row came back."""
    manifest = read_manifest(archive)
    _check_manifest(manifest, using)
    if not force and holds_data(using):
        raise BackupError("The database already holds data; restore into an empty installation, or use --force.")
    with tempfile.TemporaryDirectory() as work:
        _extract(archive, manifest, work)
        _load_database(Path(work) / manifest["database"]["file"], using)
        media_root = Path(settings.MEDIA_ROOT)
        media = [name for name in manifest["files"] if name.startswith(MEDIA_PREFIX + "/")]
        for name in media:
            target = media_root / PurePosixPath(name).relative_to(MEDIA_PREFIX)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(work) / PurePosixPath(name), target)
    counts = row_counts(using)
    different = {label: (count, counts.get(label)) for label, count in manifest["counts"].items() if counts.get(label) != count}
    if different:
        raise BackupError(f"Restored, but rows differ from the backup (model: backup, now): {different}")
    return RestoreResult(manifest=manifest, media_files=len(media))
