"""A real gunicorn serving the site with the production settings, for tests of what production sends.

``ProductionServer(tmp_path)`` prepares a SQLite database file and collected static files in
``tmp_path`` (migrate and collectstatic run as production would run them), then ``start()``
serves them on a free loopback port; ``get(path)`` asks it as nginx would (X-Forwarded-Proto:
https). Use it from a module-scoped fixture: preparing takes a while.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)


class ProductionServer:
    def __init__(self, work_dir, **environment):
        self.work_dir = Path(work_dir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.env = {
            **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "DATABASE_URL", "REDIS_URL"))},
            "DJANGO_SETTINGS_MODULE": "vvgsite.settings.production",
            "SECRET_KEY": "gunicorn-test-" + os.urandom(24).hex(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{self.work_dir / 'production.sqlite3'}",
            "STATIC_ROOT": str(self.work_dir / "static"),
            "MEDIA_ROOT": str(self.work_dir / "media"),
            "VVG_CLIENT_IP_HEADER": "",
            **environment,
        }

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPO, env=self.env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def prepare(self):
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        return self

    def start(self, workers=1):
        command = [
            str(BIN / "gunicorn"), "--pythonpath", "site", "vvgsite.wsgi",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers), "--log-level", "warning",
        ]
        self.process = subprocess.Popen(command, cwd=REPO, env=self.env, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                assert self.process.poll() is None, self.process.stderr.read().decode()
                assert time.monotonic() < deadline, "gunicorn did not start listening"
                time.sleep(0.3)

    def get(self, path, headers=None):
        """(status, headers, body) of a GET that came through the TLS proxy; redirects are not followed."""
        request = urllib.request.Request(self.url + path, headers={"X-Forwarded-Proto": "https", **(headers or {})})
        try:
            with OPENER.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the arbiter and its workers, nothing else
            self.process.wait(timeout=30)
