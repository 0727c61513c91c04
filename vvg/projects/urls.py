"""What the site's URLconf includes before Wagtail's own patterns to serve the listing's data files.

Wagtail's catch-all pattern accepts no dot, so /projektai/duomenys.csv would never reach the page.
This pattern hands such addresses to Wagtail's page serving all the same, where the routes of
FundedProjectIndexPage answer them (any other page answers 404).
"""

from django.urls import re_path
from wagtail import views

urlpatterns = [
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:csv|json))$", views.serve, name="vvg_projects_data_file"),
]
