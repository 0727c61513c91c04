"""PostgreSQL only: a text search configuration for Lithuanian that ignores diacritics.

`lithuanian_unaccent` strips diacritics first (unaccent), then stems with PostgreSQL's Snowball
Lithuanian stemmer, for text and queries alike: "zemes ukis" finds "žemės ūkio", "mokymai" finds
"mokymų". Settings name it in WAGTAILSEARCH_BACKENDS' SEARCH_CONFIG on PostgreSQL. It lives in the
site's search app, not in the plugin, because the text search configuration is a choice of the site's
settings; the plugin works with whatever configuration a site uses. SQLite needs nothing: the FTS5
table Wagtail creates uses the unicode61 tokenizer, which removes diacritics by default (it has no
stemmer, so word forms only match on PostgreSQL). After this migration on a site with content, run
`manage.py update_index` so existing pages are indexed with the new configuration.
"""

from django.db import migrations

CONFIG = "lithuanian_unaccent"
TOKENS = "hword, hword_part, word, asciiword, asciihword, hword_asciipart"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute("SELECT 1 FROM pg_ts_dict WHERE dictname = 'lithuanian_stem'")
        # PostgreSQL has shipped the Lithuanian stemmer since version 13; older servers only fold letters.
        source, stemmer = ("lithuanian", "lithuanian_stem") if cursor.fetchone() else ("simple", "simple")
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
        cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = {source})")
        cursor.execute(f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {TOKENS} WITH unaccent, {stemmer}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create, drop, elidable=False)]
