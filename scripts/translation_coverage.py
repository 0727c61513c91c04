"""How much of the site and its admin speaks Lithuanian, package by package.

For every package whose strings editors or visitors see (Wagtail and the Wagtail apps in
INSTALLED_APPS, Django and its contrib apps, django-taggit, django-filter, wagtail-modeladmin,
django-import-export and our own apps) this takes the package's English message ids and asks
the catalogue Django builds at runtime whether each one has a Lithuanian translation:
LOCALE_PATHS (`locale/`, `locale_thirdparty/`) first, then the
apps' own catalogues, exactly as `gettext` resolves them. Usage, from the repository root:

    python scripts/translation_coverage.py            # a table, worst package first
    python scripts/translation_coverage.py --missing  # also list the untranslated ids

Message ids come from each package's English catalogue (`locale/en/LC_MESSAGES/*.po`); a package
that ships none (django-import-export, django-filter) is extracted with `makemessages` into a
temporary folder. Our own apps' ids are their Lithuanian catalogues, kept in step with the code
by messages.py.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "lt"
# Packages outside Wagtail and Django's contrib apps whose strings appear in our admin: Django's
# own (form errors, dates), tags, the listings' filters, the registers.
THIRD_PARTY = ["django", "taggit", "django_filters", "wagtail_modeladmin", "import_export"]
# Wagtail's admin loads its JavaScript strings from its own djangojs catalogue (JavaScriptCatalog
# with packages=["wagtail.admin"]), so that domain is what editors see in client-side widgets.
JS_PACKAGES = ["wagtail.admin"]


@dataclass
class Coverage:
    package: str
    domain: str
    own: bool  # one of our apps: must be complete
    total: int = 0
    missing: list = field(default_factory=list)  # polib entries without a runtime translation

    @property
    def translated(self):
        return self.total - len(self.missing)

    @property
    def share(self):
        return self.translated / self.total if self.total else 1.0


def setup_django():
    if str(ROOT / "site") not in sys.path:
        sys.path.insert(0, str(ROOT / "site"))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vvgsite.settings.dev")
    import django

    django.setup()


def package_dir(name):
    return Path(find_spec(name).origin).parent


def locale_dir(package):
    # Django keeps its core catalogues in django/conf/locale, every app in <app>/locale.
    return package_dir(package) / ("conf/locale" if package == "django" else "locale")


def third_party_packages():
    """Wagtail's and Django's apps in INSTALLED_APPS that carry strings, then the other packages."""
    from django.conf import settings

    apps = [app for app in settings.INSTALLED_APPS
            if app == "wagtail" or app.startswith(("wagtail.", "django.contrib."))]
    return [app for app in apps if locale_dir(app).is_dir()] + THIRD_PARTY


@cache
def extracted_catalogue(package, domain):
    """English ids of a package that ships no English catalogue, extracted from its source."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / package
        shutil.copytree(package_dir(package), copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
        (copy / "locale").mkdir()
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "--locale", "en", "--domain", domain, "--verbosity", "0"],
            cwd=copy, check=True, env={**os.environ, "DJANGO_SETTINGS_MODULE": ""},
        )
        po_file = copy / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        return polib.pofile(str(po_file)) if po_file.exists() else polib.POFile()


def source_entries(package, domain="django"):
    """The English message ids of a third-party package, without obsolete or header entries."""
    po_file = locale_dir(package) / "en" / "LC_MESSAGES" / f"{domain}.po"
    catalogue = polib.pofile(str(po_file)) if po_file.exists() else extracted_catalogue(package, domain)
    return [entry for entry in catalogue if entry.msgid and not entry.obsolete]


def own_catalogues():
    """Our apps' catalogues, named by app: (name, polib file)."""
    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))
    from messages import catalogues

    for path in catalogues():
        app = path.relative_to(ROOT).parents[3]
        name = "site (home, search, templates)" if str(app) == "." else str(app).replace("/", ".")
        yield name, polib.pofile(str(path))


def runtime_catalogue(domain):
    """The catalogue Django resolves `lt` strings of this domain from, as the admin gets it."""
    from django.utils.translation import trans_real

    if domain == "django":
        return trans_real.translation(LANGUAGE)._catalog
    paths = [str(locale_dir(package)) for package in JS_PACKAGES]
    return trans_real.DjangoTranslation(LANGUAGE, domain=domain, localedirs=paths)._catalog


def message_key(entry):
    """The key gettext files a message under: its id, after its context and EOT if it has one."""
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def is_translated(entry, catalogue):
    key = message_key(entry)
    return (key, 0) in catalogue if entry.msgid_plural else key in catalogue


def measure(package, domain, entries, own=False):
    catalogue = runtime_catalogue(domain)
    result = Coverage(package=package, domain=domain, own=own, total=len(entries))
    result.missing = [entry for entry in entries if not is_translated(entry, catalogue)]
    return result


def coverage(own_apps=True):
    """Coverage of every measured package: our apps first, then the third-party ones."""
    results = [measure(name, "django", [e for e in po if e.msgid and not e.obsolete], own=True)
               for name, po in own_catalogues()] if own_apps else []
    for package in third_party_packages():
        results.append(measure(package, "django", source_entries(package)))
    for package in JS_PACKAGES:
        results.append(measure(package, "djangojs", source_entries(package, "djangojs")))
    return results


def table(results):
    lines = [f"{'package':<36} {'domain':<9} {'translated':>10} {'total':>6} {'share':>7}"]
    for item in sorted(results, key=lambda item: item.share):
        lines.append(
            f"{item.package:<36} {item.domain:<9} {item.translated:>10} {item.total:>6} {item.share:>7.1%}"
        )
    total = sum(item.total for item in results)
    translated = sum(item.translated for item in results)
    lines.append(f"{'all':<36} {'':<9} {translated:>10} {total:>6} {translated / total:>7.1%}")
    return "\n".join(lines)


if __name__ == "__main__":
    setup_django()
    measured = coverage()
    print(table(measured))
    if "--missing" in sys.argv:
        for item in measured:
            for entry in item.missing:
                print(f"{item.package} [{item.domain}]: {entry.msgid!r}")
