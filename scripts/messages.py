"""Keep the Lithuanian catalogues in step with the code.

Each app of the plugin carries its own catalogue (`vvg/<app>/locale`, `events/locale`), so the
installed package speaks Lithuanian; the site's own strings (home, search, templates) are in
`locale/`. Usage, from the repository root with the project's Python:

    python scripts/messages.py update            # extract new strings, compile
    python scripts/messages.py missing           # list strings still without a translation
    python scripts/messages.py fill FILE.json    # {"msgid": "vertimas", ...} then compile

In FILE.json a string with a context (pgettext) is keyed "context\u0004msgid", as gettext does;
a plain key fills only the entries without a context.

A lock file serialises runs, so several people (or tools) can add translations at once.
"""

import fcntl
import json
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "lt"
IGNORED = ["--ignore", ".venv/*", "--ignore", "tests/*", "--ignore", "scripts/*"]


def catalogues():
    """Every catalogue of our own code: the site's and each app's."""
    found = sorted(ROOT.glob(f"*/locale/{LANGUAGE}/LC_MESSAGES/django.po"))
    found += sorted(ROOT.glob(f"*/*/locale/{LANGUAGE}/LC_MESSAGES/django.po"))
    site = ROOT / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"
    return [site] + [path for path in found if ".venv" not in path.parts]


@contextmanager
def locked():
    with open(ROOT / ".messages.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True)


def compile_all():
    manage("compilemessages", "--locale", LANGUAGE, "--ignore", ".venv/*", "--verbosity", "0")


def update():
    # makemessages writes each file's strings to the nearest `locale/` folder above it.
    manage("makemessages", "--locale", LANGUAGE, "--no-obsolete", *IGNORED, "--verbosity", "0")
    for path in catalogues():
        subprocess.run(["msgattrib", "--clear-previous", "-o", str(path), str(path)], check=True)
    compile_all()


def missing():
    gaps = 0
    for path in catalogues():
        catalogue = polib.pofile(str(path))
        for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries():
            gaps += 1
            print(f"{path.relative_to(ROOT)}: {entry.msgid!r}")
    return gaps


def fill(json_path):
    translations = json.loads(Path(json_path).read_text(encoding="utf-8"))
    for path in catalogues():
        catalogue = polib.pofile(str(path))
        changed = False
        for entry in catalogue:
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            text = translations.get(key)
            if text is None:
                continue
            if entry.msgid_plural:
                # Lithuanian has four plural forms: give a list of four.
                forms = text if isinstance(text, list) else [text] * 4
                entry.msgstr_plural = dict(enumerate(forms))
            else:
                entry.msgstr = text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            changed = True
        if changed:
            catalogue.save()
    compile_all()


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    with locked():
        if command == "update":
            update()
        elif command == "missing":
            sys.exit(1 if missing() else 0)
        elif command == "fill":
            fill(sys.argv[2])
        else:
            sys.exit(__doc__)
