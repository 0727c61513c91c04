"""Lighthouse scores (performance, accessibility) and bytes transferred of a few public pages.

`python scripts/bench_lighthouse.py` builds a fresh demo site under gunicorn with the production
settings (scripts/bench.py's `Site`) and measures home, a call, an event and the news index;
`BASE_URL=http://127.0.0.1:8000 python scripts/bench_lighthouse.py` measures a running site.
`make bench` calls `measure_pages(base_url)` and `table_of()`.

Lighthouse comes from npm, pinned, into `.bench-tools/` (gitignored) the first time; it drives
Debian's Chromium (`CHROME_PATH`, default /usr/bin/chromium) headless with Lighthouse's default
mobile profile and simulated throttling, the profile the targets of issue #9 are set against.
Never part of `make test` or CI: each page takes some 15 s.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS_DIR = ROOT / ".bench-tools"
# 12.x is the last line that runs on Node 20 (13 needs Node 22).
LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE = TOOLS_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility")
# Now and then Lighthouse loses its trace of the page load ("NO_NAVSTART … Please run Lighthouse
# again"): the page is measured again, at most this many times in all.
ATTEMPTS = 3
# The demo content's pages of the targets (home/demo_content.py and the apps' demo.py).
LIGHTHOUSE_PATHS = {
    "home": "/",
    "call": "/kvietimai/kvietimas-nr-1/",
    "event": "/renginiai/mokymai-kaip-parengti-paraiska/",
    "news index": "/naujienos/",
}


def installed_version():
    package = TOOLS_DIR / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else None


def ensure_lighthouse():
    """Install the pinned Lighthouse into TOOLS_DIR unless it is there already."""
    if installed_version() == LIGHTHOUSE_VERSION:
        return
    if not shutil.which("npm"):
        raise RuntimeError("npm is needed to install Lighthouse (apt-get install npm)")
    print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {TOOLS_DIR.relative_to(ROOT)}/ …", flush=True)
    TOOLS_DIR.mkdir(exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(TOOLS_DIR), "--no-audit", "--no-fund", "--loglevel=error",
                    f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)


def lighthouse_report(url):
    """Lighthouse's JSON report of one page (a fresh browser profile, so a first visit)."""
    with tempfile.TemporaryDirectory(prefix="vvg-lighthouse-") as workdir:
        out = Path(workdir) / "report.json"
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
        # Lighthouse leaves its temporary Chromium profile in TMPDIR; keep it inside workdir.
        env = os.environ | {"CHROME_PATH": CHROME_PATH, "TMPDIR": workdir}
        for _ in range(ATTEMPTS):
            run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
            if run.returncode == 0:
                return json.loads(out.read_text())
        raise RuntimeError(f"lighthouse {url} failed {ATTEMPTS} times: {run.stderr.strip()[-2000:]}")


def summary(report):
    """Scores, bytes transferred, and the audits that cost points, of one report."""
    categories = report["categories"]
    audits = report["audits"]
    weighted = {ref["id"] for category in categories.values() for ref in category["auditRefs"] if ref["weight"] > 0}
    failing = sorted(
        audit_id for audit_id in weighted
        if audits[audit_id]["score"] is not None and audits[audit_id]["score"] < 1
    )
    return {
        "performance": categories["performance"]["score"],
        "accessibility": categories["accessibility"]["score"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "failing": failing,
    }


def measure(url, runs=1):
    """The median scores of `runs` Lighthouse runs (simulated throttling varies a little)."""
    results = [summary(lighthouse_report(url)) for _ in range(runs)]
    return {
        "performance": statistics.median(r["performance"] for r in results),
        "accessibility": statistics.median(r["accessibility"] for r in results),
        "bytes": statistics.median(r["bytes"] for r in results),
        "failing": sorted({audit for r in results for audit in r["failing"]}),
    }


def measure_pages(base_url, paths=None, runs=None):
    """{page name: measure()} of each path under base_url."""
    ensure_lighthouse()
    runs = runs or int(os.environ.get("LIGHTHOUSE_RUNS", "1"))
    results = {}
    for name, path in (paths or LIGHTHOUSE_PATHS).items():
        print(f"  lighthouse {name} …", flush=True)
        results[name] = measure(base_url.rstrip("/") + path, runs)
    return results


def table_of(results):
    """A markdown table of Lighthouse performance, accessibility and KB transferred per page."""
    lines = [
        "| page | performance | accessibility | transferred KB | audits below 1 |",
        "|---|---:|---:|---:|---|",
    ]
    for name, result in results.items():
        lines.append(f"| {name} | {result['performance']:.2f} | {result['accessibility']:.2f} | "
                     f"{result['bytes'] / 1024:.1f} | {', '.join(result['failing'])} |")
    return "\n".join(lines)


def lighthouse_table(base_url, paths=None, runs=None):
    return table_of(measure_pages(base_url, paths, runs))


def main():
    base_url = os.environ.get("BASE_URL")
    header = f"Lighthouse {LIGHTHOUSE_VERSION}, mobile profile, simulated throttling, {CHROME_PATH}"
    if base_url:
        print(f"{header}; site: {base_url}\n\n{lighthouse_table(base_url)}")
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench import Site

    ensure_lighthouse()
    with tempfile.TemporaryDirectory(prefix="vvg-lighthouse-site-") as workdir:
        site = Site(workdir)
        site.prepare()
        site.start(page_cache=False)
        try:
            table = lighthouse_table(site.url(""))
        finally:
            site.stop()
    print(f"{header}; gunicorn, production settings, demo content\n\n{table}")


if __name__ == "__main__":
    main()
