"""Axis ticks: every label different, whole numbers for counts, Danish decimal commas."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from bot.dashboard.svg import (
    Series,
    line_chart,
    nice_axis,
    stacked_bars,
    tick_decimals,
    tick_labels,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("top", [0.01, 0.07, 0.15, 0.3, 0.9, 1, 2.5, 7, 13, 47, 99.5, 1234])
def test_tick_labels_never_repeat(top: float) -> None:
    labels = [label for _, label in tick_labels(top)]
    assert len(labels) == len(set(labels)), labels
    assert labels[0] == "0"


def test_small_minutes_get_the_decimals_they_need() -> None:
    # The advisor wait chart's "0,1 / 0,1" came from a 0,05 step shown with one decimal.
    assert [label for _, label in tick_labels(0.15)] == ["0", "0,05", "0,10", "0,15"]
    assert tick_decimals(0.2) == 1 and tick_decimals(5) == 0 and tick_decimals(0.05) == 2


def test_counts_are_ticked_in_whole_numbers() -> None:
    assert [label for _, label in tick_labels(3, whole=True)] == ["0", "1", "2", "3"]
    assert [label for _, label in tick_labels(0.4, whole=True)] == ["0", "1"]
    assert nice_axis(47) == (50, 10)


def test_the_axis_covers_the_largest_value() -> None:
    for top in (0.15, 3, 47, 101):
        axis_max, step = nice_axis(top)
        assert axis_max >= top and axis_max - step < top


def _axis_labels(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # noqa: S314  (our own markup)
    return [t.text or "" for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]


def test_rendered_charts_have_distinct_axis_labels() -> None:
    minutes = line_chart("w", "Ventetid", "d", ["1/11", "2/11"],
                         [Series("Median", [0.1, 0.15])], y_label="Minutter")
    assert _axis_labels(minutes) == ["0", "0,05", "0,10", "0,15"]
    counts = stacked_bars("c", "Antal", "d", ["1", "2"], [Series("n", [1, 2])], y_label="n")
    assert _axis_labels(counts) == ["0", "1", "2"]


def test_charts_scale_with_the_page() -> None:
    root = ET.fromstring(stacked_bars("c", "t", "d", ["a"], [Series("n", [1])], y_label="n"))  # noqa: S314
    assert root.get("width") is None and root.get("height") is None
    assert root.get("viewBox") is not None
