"""Build steps are skipped when nothing changed, so a second `make run` is fast."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.build import build_spacy_pipeline, training_fingerprint
from bot.settings import PROJECT_ROOT


def _copy_training_inputs(target: Path) -> None:
    shutil.copy(PROJECT_ROOT / "config.yml", target / "config.yml")
    shutil.copytree(PROJECT_ROOT / "domain", target / "domain")
    shutil.copytree(PROJECT_ROOT / "data", target / "data")


def test_fingerprint_is_stable_when_nothing_changed(tmp_path: Path) -> None:
    _copy_training_inputs(tmp_path)
    assert training_fingerprint(tmp_path) == training_fingerprint(tmp_path)


def test_fingerprint_changes_when_training_data_changes(tmp_path: Path) -> None:
    _copy_training_inputs(tmp_path)
    before = training_fingerprint(tmp_path)
    with (tmp_path / "data" / "nlu" / "core.yml").open("a", encoding="utf-8") as handle:
        handle.write("\n# a new line\n")
    assert training_fingerprint(tmp_path) != before


def test_fingerprint_changes_when_config_changes(tmp_path: Path) -> None:
    _copy_training_inputs(tmp_path)
    before = training_fingerprint(tmp_path)
    (tmp_path / "config.yml").write_text("recipe: default.v1\nlanguage: da\n")
    assert training_fingerprint(tmp_path) != before


def test_danish_pipeline_builds_offline_and_lemmatizes(tmp_path: Path) -> None:
    import spacy

    target = tmp_path / "spacy_da"
    assert build_spacy_pipeline(target) is True
    assert build_spacy_pipeline(target) is False  # second call: up to date, nothing rebuilt
    nlp = spacy.load(target)
    lemmas = [token.lemma_ for token in nlp("sagen blev henlagt")]
    assert lemmas[-1] == "henlægge"


def test_make_test_trains_at_most_once() -> None:
    """`make test`'s plan (make -n) has one training step, skipped when the model is current."""
    import subprocess

    plan = subprocess.run(
        [shutil.which("make") or "make", "-n", "test"], cwd=PROJECT_ROOT, capture_output=True,
        text=True, check=False).stdout
    commands = plan.splitlines()
    assert sum("bot.cli train" in c for c in commands) == 1
    assert not any("rasa train" in c or "eval-knowledge" in c for c in commands)
