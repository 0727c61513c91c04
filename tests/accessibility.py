"""The accessibility check every public page type goes through (axe-core bundled from PyPI).

Use ``assert_accessible(tab, url)`` in browser tests: it fails on any serious or critical
violation and names the rule, the help text and the offending elements.
"""

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

_axe = Axe()


def blocking_violations(tab):
    results = _axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations):
    lines = []
    for violation in violations:
        targets = ", ".join(str(node.get("target")) for node in violation["nodes"][:5])
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} -> {targets}")
    return "\n".join(lines)


def assert_accessible(tab, url):
    response = tab.goto(url)
    assert response is not None and response.status < 500, f"{url} answered {response and response.status}"
    violations = blocking_violations(tab)
    assert not violations, f"Accessibility violations on {url}:\n{describe(violations)}"
