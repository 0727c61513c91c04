"""vvg_backup and vvg_restore round-trip a whole demo site: every row, page, register record and media file.

The backup is taken from the test database (SQLite or PostgreSQL, whichever DATABASE_URL gives);
the restore runs as `manage.py vvg_restore` in a separate process into a separate, empty database
(a new SQLite file, or a new PostgreSQL database) and media folder, as on a new server.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from events import services
from events.models import EventBasePage
from events.services import Applicant
from tests.test_events_fixtures import add_event
from vvg.core import backup

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parent.parent


def snapshot(media_root):
    """What a restore must bring back, as plain data (also run in the restored installation)."""
    from events.models import Registration
    from vvg.core.backup import row_counts
    from vvg.evaluations.models import Application
    from wagtail.models import Page

    media_root = Path(media_root)
    return {
        "counts": row_counts(),
        "pages": list(Page.objects.order_by("path").values_list("url_path", "title", "live")),
        "registrations": [
            list(row) for row in Registration.objects.order_by("pk").values_list("pk", "event__title", "name", "email", "status")
        ],
        "applications": sorted(Application.objects.values_list("number", "title")),
        "media": {
            path.relative_to(media_root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(media_root.rglob("*")) if path.is_file()
        },
    }


SNAPSHOT_SCRIPT = """
import json, sys, django
django.setup()
from tests.test_backup import snapshot
print(json.dumps(snapshot(sys.argv[1])))
"""


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def png():
    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), (0, 51, 153)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def demo_site(home_page, media_root):
    call_command("load_demo_content", stdout=io.StringIO())
    Image.objects.create(title="ES emblema", file=ContentFile(png(), name="emblema.png"))
    Document.objects.create(title="Finansavimo sąlygos", file=ContentFile("Sąlygos.".encode(), name="salygos.txt"))
    index = EventBasePage.objects.first().get_parent()
    event = add_event(index, "Mokymai apie atsarginę kopiją", capacity=2)
    for number, name in enumerate(["Ona Onaitė", "Jonas Jonaitis", "Žydrūnė Šalčiūtė"]):
        services.register(event, Applicant(name=name, email=f"asmuo{number}@example.lt", processing_consent=True))


@pytest.fixture
def empty_installation(tmp_path):
    """The DATABASE_URL of a new, empty database; PostgreSQL ones are dropped afterwards."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{settings_dict['NAME']}_restore"[:63]
    server = psycopg.connect(
        host=settings_dict["HOST"], port=settings_dict["PORT"] or 5432, user=settings_dict["USER"],
        password=settings_dict["PASSWORD"], dbname="postgres", autocommit=True,
    )
    server.execute(f'DROP DATABASE IF EXISTS "{name}"')
    server.execute(f'CREATE DATABASE "{name}"')
    user, password = settings_dict["USER"], settings_dict["PASSWORD"]
    yield f"postgres://{user}:{password}@{settings_dict['HOST']}:{settings_dict['PORT'] or 5432}/{name}"
    server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server.close()


def run_in_new_installation(tmp_path, database_url, *args):
    media = tmp_path / "restored-media"
    (tmp_path / "restored_settings.py").write_text(
        f"from vvgsite.settings.test import *  # noqa\nMEDIA_ROOT = {str(media)!r}\n", encoding="utf-8"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "restored_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT / "site"), str(ROOT)]),
    }
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout, media


def test_backup_restores_into_an_empty_installation_with_every_row_and_file(demo_site, media_root, tmp_path,
                                                                              empty_installation):
    expected = snapshot(media_root)
    assert expected["registrations"] and expected["applications"] and len(expected["media"]) >= 2

    out = io.StringIO()
    call_command("vvg_backup", str(tmp_path / "backups"), stdout=out)
    [archive] = (tmp_path / "backups").glob("vvg-backup-*.tar.gz")
    assert str(archive) in out.getvalue()
    assert archive.stat().st_mode & 0o777 == 0o600  # it holds personal data
    manifest = backup.read_manifest(archive)
    assert manifest["counts"] == expected["counts"] and manifest["versions"]["wagtail"]
    assert {f"media/{name}" for name in expected["media"]} <= set(manifest["files"])

    # This installation holds data: a restore into it is refused unless forced.
    with pytest.raises(CommandError, match="already holds data"):
        call_command("vvg_restore", str(archive))

    output, restored_media = run_in_new_installation(tmp_path, empty_installation, "manage.py", "vvg_restore", str(archive))
    assert "Restored the backup" in output
    restored, _media = run_in_new_installation(tmp_path, empty_installation, "-c", SNAPSHOT_SCRIPT, str(restored_media))
    assert json.loads(restored) == json.loads(json.dumps(expected))


def test_a_damaged_or_foreign_archive_is_refused(demo_site, tmp_path):
    archive = backup.create_backup(tmp_path)
    manifest = backup.read_manifest(archive)
    database_file = manifest["database"]["file"]
    manifest["files"][database_file] = "0" * 64
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = json.dumps(manifest).encode() if member.name == "manifest.json" else source.extractfile(member).read()
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    before = backup.row_counts()
    with pytest.raises(backup.BackupError, match=f"damaged: {database_file}"):
        backup.restore_backup(damaged, force=True)
    assert backup.row_counts() == before

    not_a_backup = tmp_path / "x.tar.gz"
    not_a_backup.write_bytes(b"not a tar")
    with pytest.raises(CommandError, match="is not a VVG backup archive"):
        call_command("vvg_restore", str(not_a_backup))
