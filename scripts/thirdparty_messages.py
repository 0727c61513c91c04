"""Lithuanian for the strings Wagtail, wagtail-modeladmin and django-import-export leave English.

The translations live in `locale_thirdparty/lt/LC_MESSAGES/` (django.po for server-side strings,
djangojs.po for Wagtail's admin JavaScript), listed in LOCALE_PATHS after `locale/`, so they win
over the packages' own catalogues. The folder is not called `locale`: makemessages treats every
`locale` folder as a target and would throw these entries away as obsolete. Usage:

    python scripts/thirdparty_messages.py missing OUT.json   # untranslated ids, by domain
    python scripts/thirdparty_messages.py fill IN.json       # add translations, compile, check
    python scripts/thirdparty_messages.py prune              # drop ids no package has any more

IN.json is {"django": {"msgid": "vertimas", ...}, "djangojs": {...}}; a plural id takes a list
of Lithuanian's four forms, an id with a context is written "context\u0004msgid" as gettext keys
it. msgfmt --check-format rejects a translation that loses a placeholder.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
import translation_coverage as coverage  # noqa: E402

CATALOGUE_DIR = coverage.ROOT / "locale_thirdparty" / coverage.LANGUAGE / "LC_MESSAGES"
SITE_CATALOGUE = coverage.ROOT / "locale" / coverage.LANGUAGE / "LC_MESSAGES" / "django.po"
DOMAINS = ["django", "djangojs"]


def catalogue_path(domain):
    return CATALOGUE_DIR / f"{domain}.po"


def load(domain):
    path = catalogue_path(domain)
    if path.exists():
        return polib.pofile(str(path), wrapwidth=100)
    catalogue = polib.POFile(wrapwidth=100)
    # Django's Lithuanian plural rule, the same as our own catalogues use.
    catalogue.metadata = dict(polib.pofile(str(SITE_CATALOGUE)).metadata)
    catalogue.metadata.update({"Project-Id-Version": "VVG site: Lithuanian for Wagtail and admin packages",
                               "Last-Translator": "VVG site maintainers"})
    catalogue.metadata.pop("POT-Creation-Date", None)
    return catalogue


def third_party_sources():
    """{domain: {key: (package, English entry)}} over every measured third-party package."""
    sources = {domain: {} for domain in DOMAINS}
    for package in coverage.third_party_packages():
        for entry in coverage.source_entries(package):
            sources["django"].setdefault(coverage.message_key(entry), (package, entry))
    for package in coverage.JS_PACKAGES:
        for entry in coverage.source_entries(package, "djangojs"):
            sources["djangojs"].setdefault(coverage.message_key(entry), (package, entry))
    return sources


def missing(out_path):
    wanted = {domain: {} for domain in DOMAINS}
    for item in coverage.coverage(own_apps=False):
        for entry in item.missing:
            # A plural id wants Lithuanian's four forms.
            wanted[item.domain][coverage.message_key(entry)] = [""] * 4 if entry.msgid_plural else ""
    Path(out_path).write_text(json.dumps(wanted, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{sum(len(ids) for ids in wanted.values())} ids without Lithuanian written to {out_path}")


def compile_catalogue(domain):
    path = catalogue_path(domain)
    subprocess.run(["msgfmt", "--check-format", "-o", str(path.with_suffix(".mo")), str(path)], check=True)


def fill(in_path):
    translations = json.loads(Path(in_path).read_text(encoding="utf-8"))
    sources = third_party_sources()
    for domain, texts in translations.items():
        catalogue = load(domain)
        for msgid, text in texts.items():
            if msgid not in sources[domain]:
                sys.exit(f"{msgid!r} [{domain}] is not a string of any measured package")
            package, source = sources[domain][msgid]
            entry = catalogue.find(source.msgid, msgctxt=source.msgctxt) or polib.POEntry(
                msgid=source.msgid, msgctxt=source.msgctxt, msgid_plural=source.msgid_plural
            )
            if entry not in catalogue:
                catalogue.append(entry)
            entry.flags = [flag for flag in source.flags if flag.endswith("-format")]
            entry.comment = package
            if source.msgid_plural:
                entry.msgstr_plural = dict(enumerate(text if isinstance(text, list) else [text] * 4))
            else:
                entry.msgstr = text
        catalogue.sort(key=lambda item: (item.comment, item.msgid))
        CATALOGUE_DIR.mkdir(parents=True, exist_ok=True)
        catalogue.save(str(catalogue_path(domain)))
        compile_catalogue(domain)


def prune():
    sources = third_party_sources()
    for domain in DOMAINS:
        if not catalogue_path(domain).exists():
            continue
        catalogue = load(domain)
        for entry in [entry for entry in catalogue if coverage.message_key(entry) not in sources[domain]]:
            print(f"dropped [{domain}]: {entry.msgid!r}")
            catalogue.remove(entry)
        catalogue.save()
        compile_catalogue(domain)


if __name__ == "__main__":
    coverage.setup_django()
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "missing" and len(sys.argv) == 3:
        missing(sys.argv[2])
    elif command == "fill" and len(sys.argv) == 3:
        fill(sys.argv[2])
    elif command == "prune":
        prune()
    else:
        sys.exit(__doc__)
