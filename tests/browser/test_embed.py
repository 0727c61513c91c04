"""The embeds in a real browser: shown in a frame on an allowed site, refused on any other, accessible."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]



@pytest.fixture
def host_site():
    """Another site on the loopback whose page frames the given URL: `host_site(src)` gives its URL.

    A real server, not a Playwright route: Chromium lets only local pages frame local ones.
    """
    servers = []

    def serve(src):
        body = f'<!DOCTYPE html><html lang="lt"><title>Host</title><iframe src="{src}" title="VVG"></iframe></html>'

        class HostPage(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), HostPage)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def framed(tab, host_url):
    tab.goto(host_url + "/")
    tab.wait_for_load_state("load")
    return tab.frames[1]


def test_an_allowed_site_shows_the_open_calls_in_a_frame(demo_site, host_site, vvg_settings, page_in_browser):
    municipality = host_site(demo_site + "/embed/kvietimai/")
    vvg_settings(EMBED_ORIGINS=[municipality])
    frame = framed(page_in_browser, municipality)
    assert frame.url == demo_site + "/embed/kvietimai/"
    assert frame.locator("h1").inner_text()
    assert frame.locator("li a").count() >= 1


def test_any_other_site_gets_no_frame(demo_site, host_site, vvg_settings, page_in_browser):
    vvg_settings(EMBED_ORIGINS=[host_site(demo_site + "/embed/renginiai/")])
    frame = framed(page_in_browser, host_site(demo_site + "/embed/renginiai/"))
    assert frame.url != demo_site + "/embed/renginiai/"  # Chromium's error page instead
    assert frame.locator("li a").count() == 0


def test_a_site_page_cannot_be_framed_even_by_the_allowed_site(demo_site, host_site, vvg_settings, page_in_browser):
    municipality = host_site(demo_site + "/kvietimai/")
    vvg_settings(EMBED_ORIGINS=[municipality])
    frame = framed(page_in_browser, municipality)
    assert frame.url != demo_site + "/kvietimai/"
    assert frame.locator("footer").count() == 0


@pytest.mark.parametrize("path", ["/embed/kvietimai/", "/embed/renginiai/"])
def test_the_embeds_are_accessible(demo_site, page_in_browser, path):
    assert_accessible(page_in_browser, demo_site + path)
