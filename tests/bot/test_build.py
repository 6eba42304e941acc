"""Build steps are skipped when nothing changed, so a second `make run` is fast."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.build import build_spacy_pipeline, training_fingerprint
from bot.settings import PROJECT_ROOT


def _copy_training_inputs(target: Path) -> None:
    shutil.copy(PROJECT_ROOT / "config.yml", target / "config.yml")
    shutil.copytree(PROJECT_ROOT / "domain", target / "domain")
    shutil.copytree(PROJECT_ROOT / "data", target / "data")
    shutil.copytree(PROJECT_ROOT / "bot" / "nlu", target / "bot" / "nlu",
                    ignore=shutil.ignore_patterns("__pycache__"))


def test_fingerprint_is_stable_when_nothing_changed(tmp_path: Path) -> None:
    _copy_training_inputs(tmp_path)
    assert training_fingerprint(tmp_path) == training_fingerprint(tmp_path)


@pytest.mark.parametrize("changed", [
    pytest.param("data/nlu/core.yml", id="training data"),
    pytest.param("bot/nlu/ngram_classifier.py", id="a custom NLU component's code"),
])
def test_fingerprint_changes_when_a_training_input_changes(tmp_path: Path, changed: str) -> None:
    _copy_training_inputs(tmp_path)
    before = training_fingerprint(tmp_path)
    with (tmp_path / changed).open("a", encoding="utf-8") as handle:
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


def test_a_model_in_the_machine_cache_is_reused_instead_of_trained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import build

    models, cache = tmp_path / "models", tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setattr(build, "MODELS_DIR", models)
    monkeypatch.setattr(build, "training_fingerprint", lambda: "abc123")
    monkeypatch.setenv("BR_MODEL_CACHE", str(cache))
    (cache / "borger-abc123.tar.gz").write_bytes(b"trained weights")

    def no_training(*args: object, **kwargs: object) -> None:
        raise AssertionError("trained although the cache had the model")

    monkeypatch.setattr(build.subprocess, "run", no_training)
    model = build.train_if_changed()
    assert model == models / "borger-abc123.tar.gz"
    assert model.read_bytes() == b"trained weights"


def test_a_freshly_trained_model_is_kept_in_the_machine_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import build

    models, cache = tmp_path / "models", tmp_path / "cache"
    monkeypatch.setattr(build, "MODELS_DIR", models)
    monkeypatch.setattr(build, "training_fingerprint", lambda: "def456")
    monkeypatch.setenv("BR_MODEL_CACHE", str(cache))

    def fake_training(*args: object, **kwargs: object) -> None:
        (models / "borger-def456.tar.gz").write_bytes(b"new weights")

    monkeypatch.setattr(build.subprocess, "run", fake_training)
    build.train_if_changed()
    assert (cache / "borger-def456.tar.gz").read_bytes() == b"new weights"
    assert [p.name for p in cache.iterdir()] == ["borger-def456.tar.gz"]  # no partial left
