"""`make bench`: throughput of every public page type, uncached and cached, against nginx serving static HTML.

On this machine, loopback only, bounded (DURATION seconds per URL, default 5): installs wrk and
nginx from apt when missing, builds a fresh SQLite site with the demo content and runs it under
gunicorn with the production settings (vvgsite.settings.bench: e-mail to nowhere). It runs wrk on
each URL three ways: without the page cache, with it, and through nginx with the shipped proxy
cache (site/deploy/vvg-proxy-cache.conf); serves the home page's HTML as a file through nginx as
the static reference; posts registrations, then a rush of 200 at once for 20 seats; counts the
SQL queries of each page with Django's test client; times an import of 10,000 register rows and
the export; and runs Lighthouse (scripts/bench_lighthouse.py) on home, a call, an event and the
news index. It prints the tables and issue #9's targets met or not, and writes them to
bench-results/<timestamp>.md.

`BASE_URL=http://127.0.0.1:8000 make bench` measures another site (e.g. Wagtail's bakerydemo run
by hand) with the same wrk settings; `BENCH_PATHS="home=/,listing=/blog/,…"` names its URLs.
Never part of `make test` or CI: it loads the machine for about five minutes.
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

import bench_lighthouse

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
    # Wagtail's default listing (what other Wagtail sites, the demo included, answer at /api/v2/pages/),
    # and every field of every call.
    "API listing": "/api/v2/pages/",
    "API calls, all fields": "/api/v2/pages/?type=vvg_calls.CallPage&fields=*",
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
    # npm installs Lighthouse (scripts/bench_lighthouse.py), which drives Debian's Chromium.
    tools = {"wrk": "wrk", "nginx": "nginx", "npm": "npm", bench_lighthouse.CHROME_PATH: "chromium"}
    missing = [package for name, package in tools.items() if not shutil.which(name) and not Path("/usr/sbin", name).exists()]
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
            "EMAIL_QUEUE": "database",
            "CACHE_DIR": str(self.workdir / "cache"),
            "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
        }
        if subprocess.run(["redis-cli", "ping"], capture_output=True).returncode == 0 if shutil.which("redis-cli") else False:
            self.env["REDIS_URL"] = "redis://127.0.0.1:6379/13"
            self.env["CACHE_KEY_PREFIX"] = f"bench{os.getpid()}"
        self.process = self.worker = None

    def manage(self, *args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL)

    def shell(self, code, *args):
        """Run Python code against the site's database (Django set up); returns what it printed."""
        code = "import django; django.setup()\n" + code
        out = subprocess.run([PYTHON, "-c", code, *args], cwd=ROOT, env=self.env, capture_output=True, text=True)
        if out.returncode:
            raise RuntimeError(out.stderr)
        return out.stdout

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
        # As deployed (README, site/deploy/vvg-worker.service): the queued e-mails' worker, at low priority.
        self.worker = subprocess.Popen(["nice", "-n", "10", PYTHON, "manage.py", "db_worker", "--backend", "emails"],
                                       cwd=ROOT, env=env, stderr=open(self.workdir / "worker.log", "ab"))
        wait_for(self.url("/"))

    def stop(self):
        for process in (self.process, self.worker):
            if process:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
        self.process = self.worker = None

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def start_nginx(workdir, name, http_block):
    """nginx with `http_block` (its servers listen on 127.0.0.1), files in workdir/name; returns the process."""
    base = Path(workdir) / name
    base.mkdir()
    Path(workdir).chmod(0o755)  # nginx's workers run as another user than its master
    conf = base / "nginx.conf"
    conf.write_text(f"""
worker_processes 2;
pid {base}/nginx.pid;
error_log {base}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {base}/body;
    proxy_temp_path {base}/proxy;
    fastcgi_temp_path {base}/fastcgi;
    uwsgi_temp_path {base}/uwsgi;
    scgi_temp_path {base}/scgi;
    default_type text/html;
{http_block}
}}
""")
    return subprocess.Popen([nginx_binary(), "-c", str(conf), "-g", "daemon off;"])


def stop_nginx(process):
    process.terminate()
    process.wait(timeout=30)


def static_reference(workdir, html):
    """nginx serving the home page's HTML as a file: the ceiling to compare with. Returns (url, process)."""
    root = Path(workdir) / "static-reference-root"
    root.mkdir()
    (root / "index.html").write_bytes(html)
    port = free_port()
    process = start_nginx(workdir, "static-reference", f"server {{ listen 127.0.0.1:{port}; root {root}; }}")
    wait_for(f"http://127.0.0.1:{port}/index.html", seconds=15)
    return f"http://127.0.0.1:{port}/index.html", process


def proxy_front(workdir, site):
    """nginx in front of the site with the shipped proxy cache (site/deploy/vvg-proxy-cache.conf, the file
    production includes), as site/deploy/nginx.conf sets it up. Returns (base url, process)."""
    port = free_port()
    cache_dir = Path(workdir) / "nginx-proxy-cache"
    process = start_nginx(workdir, "front", f"""
    proxy_cache_path {cache_dir} levels=1:2 keys_zone=vvg:10m max_size=200m inactive=1h use_temp_path=off;
    upstream vvg_app {{ server 127.0.0.1:{site.port}; keepalive 16; }}
    map $cookie_sessionid $vvg_no_cache {{ default 1; "" 0; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{ include {ROOT / "site" / "deploy" / "vvg-proxy-cache.conf"}; }}
    }}
""")
    base_url = f"http://127.0.0.1:{port}"
    wait_for(base_url + "/", seconds=15)
    return base_url, process


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


RUSH_SCRIPT = """
import sys
from wagtail.models import Page
training = Page.objects.get(slug=sys.argv[1], locale__language_code="lt").specific
rush = training.copy(update_attrs={"slug": "bench-rush", "title": "Bench rush", "capacity": %(seats)d}, keep_live=True)
print(rush.url)
"""
COUNT_SCRIPT = """
import json
from events.models import Registration
print(json.dumps({status: Registration.objects.filter(event__slug="bench-rush", status=status).count()
                  for status in ("registered", "waitlisted")}))
"""
RUSH_PEOPLE, RUSH_SEATS = 200, 20


def registration_rush(site):
    """200 people post at the same moment for a copy of the demo training with 20 seats: every answer's
    status and latency, and how many got a seat and how many the waiting list.

    The people are one asyncio loop of raw HTTP/1.1 connections, all opened before anyone posts: the
    client costs the two cores it shares with the server next to nothing (200 threads of urllib took
    a good part of them), so the latencies are the server's.
    """
    import asyncio
    import urllib.parse

    slug = REGISTRATION_PATH.strip("/").split("/")[-1]
    path = site.shell(RUSH_SCRIPT % {"seats": RUSH_SEATS}, slug).strip().splitlines()[-1]
    with urllib.request.urlopen(site.url(path)) as response:
        cookie = re.search(r"csrftoken=([^;]+)", response.headers.get("Set-Cookie", "")).group(1)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.read()).group(1).decode()

    def request(number):
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "name": f"Skubantis {number}",
                                       "email": f"rush{number}@example.lt", "processing_consent": "on"}).encode()
        head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{site.port}\r\nConnection: close\r\n"
                f"Cookie: csrftoken={cookie}\r\nX-Real-IP: 10.9.{number // 250}.{number % 250 + 1}\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n")
        return head.encode() + body

    async def rush():
        connections = [await asyncio.open_connection("127.0.0.1", site.port) for _ in range(RUSH_PEOPLE)]

        async def register(number, reader, writer):
            began = time.monotonic()
            writer.write(request(number))
            status_line = await reader.readline()
            await reader.read()  # the rest of the answer, until the server closes
            writer.close()
            return int(status_line.split()[1]), (time.monotonic() - began) * 1000

        return await asyncio.gather(*(register(number, *pair) for number, pair in enumerate(connections)))

    answers = asyncio.run(rush())
    latencies = sorted(latency for _, latency in answers)
    counts = json.loads(site.shell(COUNT_SCRIPT).strip().splitlines()[-1])
    return {
        "answered": sum(status == 302 for status, _ in answers),
        "p50": latencies[len(latencies) // 2],
        "p99": latencies[int(len(latencies) * 0.99) - 1],
        **counts,
    }


def table(rows, reference_rate):
    lines = [
        "| page | queries | uncached req/s | p50 ms | p99 ms | cached req/s | p50 ms | p99 ms "
        "| behind nginx req/s | p50 ms | p99 ms | nginx / static |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, queries, *results in rows:
        cells = [name, "" if queries is None else str(queries)]
        for result in results:
            cells += [f"{result[0]:.0f}", f"{result[1]:.1f}", f"{result[2]:.1f}"] if result else ["", "", ""]
        front = results[-1]
        cells.append(f"{front[0] / reference_rate:.0%}" if front and reference_rate else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def bench_other_site(base_url):
    pairs = os.environ.get("BENCH_PATHS", "home=/")
    paths = dict(pair.split("=", 1) for pair in pairs.split(","))
    rows = [(name, None, wrk(base_url.rstrip("/") + path), None, None) for name, path in paths.items()]
    return f"Site: {base_url} (wrk -c{CONNECTIONS}, {DURATION} s per URL)\n\n" + table(rows, None)


def is_cached(url):
    urllib.request.urlopen(url).read()
    with urllib.request.urlopen(url) as response:
        return response.headers.get("X-VVG-Cache") == "hit"


def targets(rows, cacheable, reference, rush, timings, lighthouse):
    """Issue #9's numbers, each with what this run measured."""
    cached = {name: results[1][0] for name, _, *results in rows if name in cacheable}
    front = {name: results[2][0] for name, _, *results in rows if name in cacheable}
    slowest_cached, slowest_front = min(cached, key=cached.get), min(front, key=front.get)
    checks = [
        ("cached pages ≥ 2,000 req/s (slowest: %s %.0f)" % (slowest_cached, cached[slowest_cached]),
         cached[slowest_cached] >= 2000),
        ("behind nginx ≥ 50%% of static (slowest: %s %.0f%%)" % (slowest_front, 100 * front[slowest_front] / reference[0]),
         front[slowest_front] >= reference[0] / 2),
        ("rush: %d answered, %d registered, %d waiting, p99 %.0f ms" % (
            rush["answered"], rush["registered"], rush["waitlisted"], rush["p99"]),
         rush["answered"] == RUSH_PEOPLE and rush["registered"] == RUSH_SEATS
         and rush["waitlisted"] == RUSH_PEOPLE - RUSH_SEATS and rush["p99"] < 1000),
    ]
    for name, result in lighthouse.items():
        checks.append(("Lighthouse %s: performance %.2f ≥ 0.95, accessibility %.2f = 1, %.0f KB" % (
            name, result["performance"], result["accessibility"], result["bytes"] / 1024),
            result["performance"] >= 0.95 and result["accessibility"] == 1))
    if "import s" in timings:
        checks.append(("import 10,000 rows ≤ 5 s (%.1f s)" % timings["import s"], timings["import s"] <= 5))
        checks.append(("CSV export ≤ 3 s (%.1f s)" % timings["export CSV s"], timings["export CSV s"] <= 3))
    return "\n".join(f"- [{'x' if ok else ' '}] {text}" for text, ok in checks)


def bench_this_site():
    ensure_tools()
    with tempfile.TemporaryDirectory(prefix="vvg-bench-") as workdir:
        site = Site(workdir)
        site.prepare()
        queries = count_queries(site, DEMO_PATHS)
        results, cacheable = {}, set()
        for cached in (False, True):
            site.start(page_cache=cached)
            try:
                for name, path in DEMO_PATHS.items():
                    print(f"  {'cached' if cached else 'uncached'} {name} …", flush=True)
                    results[(name, "app" if cached else "uncached")] = wrk(site.url(path))
                if cached:
                    cacheable = {name for name, path in DEMO_PATHS.items() if is_cached(site.url(path))}
                    lighthouse = bench_lighthouse.measure_pages(site.url(""))
                    front_url, front = proxy_front(workdir, site)
                    try:
                        for name, path in DEMO_PATHS.items():
                            print(f"  behind nginx {name} …", flush=True)
                            urllib.request.urlopen(front_url + path).read()
                            results[(name, "front")] = wrk(front_url + path)
                    finally:
                        stop_nginx(front)
                else:
                    with urllib.request.urlopen(site.url("/")) as response:
                        home_html = response.read()
                    results[("registration POST", "uncached")] = wrk(site.url(REGISTRATION_PATH), registration_script(site, workdir))
                    print("  registration rush …", flush=True)
                    rush = registration_rush(site)
            finally:
                site.stop()
        reference_url, nginx = static_reference(workdir, home_html)
        try:
            reference = wrk(reference_url)
        finally:
            stop_nginx(nginx)
        timings = import_export_times(site)
    rows = [(name, queries.get(name), results[(name, "uncached")], results[(name, "app")], results[(name, "front")])
            for name in DEMO_PATHS]
    rows.append(("registration POST", None, results[("registration POST", "uncached")], None, None))
    rows.append(("static HTML (nginx)", None, None, None, reference))
    cache_backend = "Redis" if "REDIS_URL" in site.env else "files"
    return "\n".join([
        f"gunicorn {WORKERS} workers, production settings, SQLite, page cache in {cache_backend}; "
        f"wrk -t2 -c{CONNECTIONS}, {DURATION} s per URL; queries: warm request, Django test client. "
        f"Cached by the application: {', '.join(sorted(cacheable))}; the others are personal (a form with "
        "a CSRF token, search) or JSON and are rendered every time.",
        "",
        table(rows, reference[0]),
        "",
        "Registration rush (%d people at once, %d seats): p50 %.0f ms, p99 %.0f ms" % (
            RUSH_PEOPLE, RUSH_SEATS, rush["p50"], rush["p99"]),
        "",
        "Register import/export (10,000 rows, SQLite): " + ", ".join(f"{k} {v}" for k, v in timings.items()),
        "",
        f"Lighthouse {bench_lighthouse.LIGHTHOUSE_VERSION} (mobile profile, simulated throttling, Debian's Chromium), "
        "first visit, page cache on:",
        "",
        bench_lighthouse.table_of(lighthouse),
        "",
        "Targets (issue #9):",
        targets(rows, cacheable, reference, rush, timings, lighthouse),
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
