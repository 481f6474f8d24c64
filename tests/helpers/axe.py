"""axe-core (bundled by the pinned axe-playwright-python) run in every frame of a page, for the WCAG 2.1 AA test.

axe checks the document it is injected into; Streamlit draws some parts (components, ``st.html``
iframes) in frames of their own, so the script goes into each frame and each frame is checked alone.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"], "iframes": False}


@cache
def axe_script() -> str:
    """The axe-core script shipped inside the axe-playwright-python package (never downloaded)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def scan(page: Any) -> list[dict[str, Any]]:
    """Every WCAG 2.1 A/AA violation in every frame of ``page``, each with its frame's address and the failing nodes."""
    found = []
    for frame in page.frames:
        if frame.is_detached() or (frame.url in ("", "about:blank") and frame is not page.main_frame):
            continue
        frame.evaluate(axe_script())
        result = frame.evaluate("options => axe.run(document, options)", OPTIONS)
        for violation in result["violations"]:
            violation["frame"] = frame.url
            found.append(violation)
    return found


def describe(violations: list[dict[str, Any]], where: str) -> str:
    """A readable list of violations for an assertion message: rule, impact, help and up to three nodes each."""
    lines = [f"{where}: {sum(len(v['nodes']) for v in violations)} failing nodes"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['frame']}]")
        for node in v["nodes"][:3]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
    return "\n".join(lines)
