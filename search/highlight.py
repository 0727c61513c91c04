"""Snippets of result text with the query's words marked; everything else HTML-escaped.

Matching follows what the search itself forgives: letters without their diacritics (azuolas →
ąžuolas) and Lithuanian endings (mokymai → mokymų), so the words that made a page match are the
words marked in it.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"\w+")
SNIPPET_WORDS = 30
# Lithuanian inflects words by their ending: a query word matches a text word sharing its stem,
# taken as the word without its last two letters but never shorter than this.
MIN_STEM = 4


def fold(text):
    """Lowercase text without diacritics: 'Žemės ŪKIS' → 'zemes ukis'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def query_stems(query):
    stems = set()
    for word in WORD.findall(fold(query)):
        stems.add(word if len(word) <= MIN_STEM else word[: max(MIN_STEM, len(word) - 2)])
    return stems


def _matches(word, stems):
    folded = fold(word)
    return any(folded.startswith(stem) for stem in stems)


def highlight(text, query):
    """`text` escaped, with each word matching the query wrapped in <mark>."""
    stems = query_stems(query)
    parts, position = [], 0
    for match in WORD.finditer(text):
        if _matches(match.group(), stems):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above went through escape()


def snippet(text, query, words=SNIPPET_WORDS):
    """About `words` words of `text` around the first match, highlighted, with … where cut."""
    tokens = " ".join(text.split()).split(" ")
    if not tokens or tokens == [""]:
        return ""
    stems = query_stems(query)
    first = next((i for i, token in enumerate(tokens) if any(_matches(w, stems) for w in WORD.findall(token))), 0)
    start = max(0, min(first - words // 3, len(tokens) - words))
    chosen = " ".join(tokens[start : start + words])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    return mark_safe(prefix + highlight(chosen, query) + suffix)  # noqa: S308 - highlight() escapes
