"""`make bench`: throughput of every public page type, uncached and cached, against nginx serving static HTML.

On this machine, loopback only, bounded (DURATION seconds per URL, default 5): installs wrk and
nginx from apt when missing, builds a fresh SQLite site with the demo content, runs it under
gunicorn with the production settings (vvgsite.settings.bench: e-mail to nowhere; first without,
then with the page cache), runs wrk on each
URL, serves the home page's HTML as a file through nginx as the static reference, counts the SQL
queries of each page with Django's test client, times an import of 10,000 register rows and the
export, and prints the table and writes it to bench-results/<timestamp>.md.

`BASE_URL=http://127.0.0.1:8000 make bench` measures another site (e.g. Wagtail's bakerydemo run
by hand) with the same wrk settings; `BENCH_PATHS="home=/,listing=/blog/,…"` names its URLs.
Never part of `make test` or CI: it loads the machine for about two minutes.
"""

import datetime
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DURATION = int(os.environ.get("DURATION", "5"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "8"))
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")
# The demo content's public URLs, one of each page type (home/demo_content.py and the apps' demo.py).
DEMO_PATHS = {
    "home": "/",
    "call index": "/kvietimai/",
    "call": "/kvietimai/kvietimas-nr-1/",
    "project index": "/projektai/",
    "project": "/projektai/bendruomenes-svetaine/",
    "news index": "/naujienos/",
    "news": "/naujienos/paskelbtas-pirmasis-kvietimas/",
    "event index": "/renginiai/",
    "calendar": "/renginiai/kalendorius/",
    "training": "/renginiai/mokymai-kaip-parengti-paraiska/",
    "results": "/rezultatai/",
    "standard": "/apie-vvg/",
    "search": "/paieska/?q=kvietimas",
    "API listing": "/api/v2/pages/?type=vvg_calls.CallPage&fields=*",
}
REGISTRATION_PATH = DEMO_PATHS["training"]
# wrk: every POST a new person from a new address (the rate limit counts per address, X-Real-IP).
POST_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  local id = math.random(1, 1000000000) .. "-" .. counter
  local body = "csrfmiddlewaretoken=%(token)s&name=Bench+Dalyvis&email=b" .. id .. "%%40example.lt"
    .. "&phone=&organisation=&sector=&processing_consent=on"
  local headers = {}
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Cookie"] = "csrftoken=%(cookie)s"
  headers["X-Real-IP"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format("POST", nil, headers, body)
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_tools():
    missing = [name for name in ("wrk", "nginx") if not shutil.which(name) and not Path("/usr/sbin", name).exists()]
    if missing:
        print(f"Installing {' '.join(missing)} from apt …", flush=True)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "install", "-y", "-q", *missing], check=True)


def nginx_binary():
    return shutil.which("nginx") or "/usr/sbin/nginx"


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def wrk(url, script=None):
    """(requests/s, p50 ms, p99 ms, non-2xx/3xx answers) of DURATION seconds of wrk at CONNECTIONS."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(name):
        value, unit = re.search(rf"\s{name}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, percentile(50), percentile(99), int(errors.group(1)) if errors else 0


class Site:
    """The project under gunicorn with the production settings, on a fresh SQLite file in `workdir`."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "vvgsite.settings.bench",  # production, e-mail to nowhere
            "SECRET_KEY": "bench-only-not-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{self.workdir / 'db.sqlite3'}",
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "VVG_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
            "LOG_LEVEL": "WARNING",
            "CACHE_DIR": str(self.workdir / "cache"),
            "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
        }
        if subprocess.run(["redis-cli", "ping"], capture_output=True).returncode == 0 if shutil.which("redis-cli") else False:
            self.env["REDIS_URL"] = "redis://127.0.0.1:6379/13"
            self.env["CACHE_KEY_PREFIX"] = f"bench{os.getpid()}"
        self.process = None

    def manage(self, *args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL)

    def prepare(self):
        print("Building the demo site on a fresh SQLite file …", flush=True)
        self.manage("migrate", "--noinput")
        self.manage("load_demo_content")
        self.manage("collectstatic", "--noinput")

    def start(self, page_cache):
        env = self.env | {"PAGE_CACHE": "true" if page_cache else "false"}
        command = [PYTHON, "-m", "gunicorn", "--pythonpath", "site", "vvgsite.wsgi", "--bind", f"127.0.0.1:{self.port}",
                   "--workers", WORKERS, "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=open(self.workdir / "gunicorn.log", "ab"))
        wait_for(self.url("/"))

    def stop(self):
        if self.process:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
            self.process = None

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def static_reference(workdir, html):
    """nginx serving the home page's HTML as a file: the ceiling to compare with. Returns (url, process)."""
    root = Path(workdir) / "static-reference"
    root.mkdir()
    Path(workdir).chmod(0o755)  # nginx's workers run as another user than its master
    (root / "index.html").write_bytes(html)
    port = free_port()
    conf = Path(workdir) / "nginx.conf"
    conf.write_text(f"""
worker_processes 2;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    default_type text/html;
    server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
""")
    process = subprocess.Popen([nginx_binary(), "-c", str(conf), "-g", "daemon off;"])
    try:
        wait_for(f"http://127.0.0.1:{port}/index.html", seconds=15)
    except RuntimeError:
        process.terminate()
        print((Path(workdir) / "nginx-error.log").read_text(errors="replace")[-2000:])
        raise
    return f"http://127.0.0.1:{port}/index.html", process


def count_queries(site, paths):
    """Queries of the second (warm) request of each page, from Django's test client in a separate process."""
    code = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client, counts = Client(), {}
for name, path in json.loads(sys.argv[1]).items():
    client.get(path, secure=False)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    counts[name] = len(queries)
print(json.dumps(counts))
"""
    env = site.env | {"PAGE_CACHE": "false", "ALLOWED_HOSTS": "testserver,127.0.0.1"}
    out = subprocess.run([PYTHON, "-c", code, json.dumps(paths)], cwd=ROOT, env=env, capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else {}


def import_export_times(site):
    """Seconds to import 10,000 register rows (bulk, search index updated after) and to export them."""
    command = [PYTHON, str(ROOT / "scripts" / "bench_import.py")]
    out = subprocess.run(command, cwd=ROOT, env=site.env, capture_output=True, text=True)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def registration_script(site, workdir):
    """A wrk script posting registrations with a valid CSRF cookie and token of one visitor."""
    with urllib.request.urlopen(site.url(REGISTRATION_PATH)) as response:
        cookie = re.search(r"csrftoken=([^;]+)", response.headers.get("Set-Cookie", "")).group(1)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.read()).group(1).decode()
    script = Path(workdir) / "register.lua"
    script.write_text(POST_SCRIPT % {"token": token, "cookie": cookie})
    return str(script)


def table(rows, reference_rate):
    lines = [
        "| page | queries | uncached req/s | p50 ms | p99 ms | cached req/s | p50 ms | p99 ms | cached / static |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, queries, uncached, cached in rows:
        cells = [name, "" if queries is None else str(queries)]
        for result in (uncached, cached):
            cells += [f"{result[0]:.0f}", f"{result[1]:.1f}", f"{result[2]:.1f}"] if result else ["", "", ""]
        ratio = (cached or uncached)[0] / reference_rate if reference_rate and (cached or uncached) else None
        cells.append("" if ratio is None else f"{ratio:.1%}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def bench_other_site(base_url):
    pairs = os.environ.get("BENCH_PATHS", "home=/")
    paths = dict(pair.split("=", 1) for pair in pairs.split(","))
    rows = [(name, None, wrk(base_url.rstrip("/") + path), None) for name, path in paths.items()]
    return f"Site: {base_url} (wrk -c{CONNECTIONS}, {DURATION} s per URL)\n\n" + table(rows, None)


def bench_this_site():
    ensure_tools()
    with tempfile.TemporaryDirectory(prefix="vvg-bench-") as workdir:
        site = Site(workdir)
        site.prepare()
        queries = count_queries(site, DEMO_PATHS)
        results = {}
        for cached in (False, True):
            site.start(page_cache=cached)
            try:
                for name, path in DEMO_PATHS.items():
                    print(f"  {'cached' if cached else 'uncached'} {name} …", flush=True)
                    results[(name, cached)] = wrk(site.url(path))
                if not cached:
                    with urllib.request.urlopen(site.url("/")) as response:
                        home_html = response.read()
                    results[("registration POST", False)] = wrk(site.url(REGISTRATION_PATH), registration_script(site, workdir))
            finally:
                site.stop()
        reference_url, nginx = static_reference(workdir, home_html)
        try:
            reference = wrk(reference_url)
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)
        timings = import_export_times(site)
    rows = [(name, queries.get(name), results[(name, False)], results.get((name, True))) for name in DEMO_PATHS]
    rows.append(("registration POST", None, results[("registration POST", False)], None))
    rows.append(("static HTML (nginx)", None, reference, None))
    cache_backend = "Redis" if "REDIS_URL" in site.env else "files"
    return "\n".join([
        f"gunicorn {WORKERS} workers, production settings, SQLite, page cache in {cache_backend}; "
        f"wrk -t2 -c{CONNECTIONS}, {DURATION} s per URL; queries: warm request, Django test client.",
        "",
        table(rows, reference[0]),
        "",
        "Register import/export (10,000 rows, SQLite): " + ", ".join(f"{k} {v}" for k, v in timings.items()),
    ])


def main():
    base_url = os.environ.get("BASE_URL")
    report = bench_other_site(base_url) if base_url else bench_this_site()
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    out = ROOT / "bench-results" / f"{stamp}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(f"# Benchmark {stamp}\n\n{report}\n")
    print("\n" + report + f"\n\nWritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
