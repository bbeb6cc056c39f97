"""Run axe-core in a Playwright page (axe-core comes from npm: see package.json)."""

import json
from pathlib import Path

AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page, options=None):
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `make test-deps` (npm install)")
    page.add_script_tag(path=str(AXE_JS))
    options = options or {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    return page.evaluate("async (options) => await axe.run(document, options)", options)


def violations(results):
    """A readable list of violations: rule, impact, and the first few targets."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {json.dumps([n['target'] for n in v['nodes'][:3]])}"
        for v in results["violations"]
    ]
