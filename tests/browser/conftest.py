"""What the browser tests share: the demo site on Django's live server."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(live_server):
    """The demo content (calls Nr. 1 closed, Nr. 2 open, Nr. 3 upcoming; trainings, news, English pages)
    served by the live server: its address."""
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url
