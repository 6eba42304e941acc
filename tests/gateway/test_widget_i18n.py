"""The widget's own labels exist in Danish and English (issue #18)."""

from __future__ import annotations

import re

from bot.settings import PROJECT_ROOT

STATIC = PROJECT_ROOT / "bot" / "static"
_KEY = re.compile(r"^\s{4}([a-zA-Z]+):", re.MULTILINE)


def _object_keys(source: str, start: str) -> set[str]:
    body = source[source.index(start):]
    body = body[: body.index("\n  };")]
    return set(_KEY.findall(body))


def test_every_danish_label_has_an_english_one() -> None:
    danish = _object_keys((STATIC / "widget.js").read_text(encoding="utf-8"), "var TEXT = {")
    english = _object_keys((STATIC / "widget-i18n.js").read_text(encoding="utf-8"), "var en = {")
    assert len(danish) > 30
    assert danish - english == set()


def test_the_widget_loads_its_language_module_from_its_own_origin() -> None:
    widget = (STATIC / "widget.js").read_text(encoding="utf-8")
    assert 'new URL("widget-i18n.js", new URL(script.src, document.baseURI))' in widget
