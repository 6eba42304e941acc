"""The widget is split into modules by concern, all loaded by widget.js from its own origin."""

from __future__ import annotations

import re

from bot.settings import PROJECT_ROOT

STATIC = PROJECT_ROOT / "bot" / "static"
HTML_SINKS = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")


def _modules() -> list[str]:
    widget = (STATIC / "widget.js").read_text(encoding="utf-8")
    names = re.search(r'var MODULES = \[([^\]]*)\];', widget)
    assert names is not None
    return [f"widget-{name}.js" for name in re.findall(r'"([a-z]+)"', names.group(1))]


def test_widget_js_loads_each_module_from_its_own_origin() -> None:
    widget = (STATIC / "widget.js").read_text(encoding="utf-8")
    assert 'new URL("widget-" + name + ".js", new URL(script.src, document.baseURI))' in widget
    modules = _modules()
    expected = {"widget-view.js", "widget-messages.js", "widget-transport.js", "widget-exit.js"}
    assert expected <= set(modules)
    for module in modules:
        source = (STATIC / module).read_text(encoding="utf-8")
        part = module.removeprefix("widget-").removesuffix(".js")
        assert f"parts.{part} = function (w)" in source


def test_no_widget_module_parses_html_or_grows_past_400_lines() -> None:
    for path in [STATIC / "widget.js", STATIC / "widget-i18n.js", STATIC / "status-card.js",
                 *(STATIC / name for name in _modules())]:
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 400, path.name
        for sink in HTML_SINKS:
            assert sink not in source, (path.name, sink)
