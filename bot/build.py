"""Build steps that `make run` and `make test` share: the Danish spaCy pipeline and the model.

Both steps are skipped when their inputs have not changed, so a second `make run` starts fast.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bot.settings import PROJECT_ROOT, model_cache_dir

SPACY_DIR = PROJECT_ROOT / "build" / "spacy_da"
MODELS_DIR = PROJECT_ROOT / "models"
# What the trained model depends on: change any of these and the model is retrained.
# The model is trained from these; bot/nlu holds the custom NLU components config.yml names,
# whose code shapes what is trained and saved (a changed classifier needs a new model).
TRAINING_INPUTS = ("config.yml", "domain", "data", "bot/nlu")
TRAINING_SUFFIXES = frozenset({".yml", ".yaml", ".py"})


def build_spacy_pipeline(target: Path = SPACY_DIR) -> bool:
    """Save spaCy's blank Danish pipeline with the lookup lemmatizer; no download involved.

    Returns True when it was (re)built.
    """
    if (target / "meta.json").exists():
        return False
    import spacy

    nlp = spacy.blank("da")
    # Lookup tables come from the spacy-lookups-data package installed with the project.
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    return True


def rasa_version() -> str:
    """Rasa's version, also from the gateway's environment (which has no Rasa): there it is
    read from the Rasa environment's package metadata, so both sides find the same model."""
    from importlib import metadata

    from bot.environments import RASA_ENVIRONMENT

    try:
        return metadata.version("rasa")
    except metadata.PackageNotFoundError:
        paths = [str(p) for p in RASA_ENVIRONMENT.glob("lib/python3*/site-packages")]
        for distribution in metadata.distributions(path=paths):
            if distribution.metadata["Name"].lower() == "rasa":
                return str(distribution.version)
    raise RuntimeError(f"Rasa is not installed here nor in {RASA_ENVIRONMENT}; run make install")


def training_fingerprint(root: Path = PROJECT_ROOT) -> str:
    """Hash of every file the model is trained from (data and custom components' code), plus
    the Rasa version."""
    digest = hashlib.sha256(f"rasa={rasa_version()}".encode())
    for name in TRAINING_INPUTS:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if file.suffix not in TRAINING_SUFFIXES:
                continue
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def model_path(fingerprint: str) -> Path:
    return MODELS_DIR / f"borger-{fingerprint}.tar.gz"


def latest_model() -> Path | None:
    """The model that matches the current training data, if it has been trained."""
    path = model_path(training_fingerprint())
    return path if path.exists() else None


def train_if_changed(force: bool = False) -> Path:
    """Train the Rasa model unless a model for exactly these inputs exists already."""
    fingerprint = training_fingerprint()
    target = model_path(fingerprint)
    if target.exists() and not force:
        print(f"==> Model is up to date ({target.name}); no training needed.", flush=True)
        _keep_in_cache(target)
        return target
    MODELS_DIR.mkdir(exist_ok=True)
    cache = model_cache_dir()
    cached = cache / target.name if cache else None
    if cached and cached.exists() and not force:
        shutil.copyfile(cached, target)
        print(f"==> Model {target.name} taken from the machine's model cache ({cache}); "
              "no training needed.", flush=True)
        return target
    print(f"==> Training the Rasa model ({target.name}); this takes a few minutes.", flush=True)
    env = {**os.environ, **rasa_process_env()}
    subprocess.run(  # noqa: S603  (fixed argument list, no shell)
        [
            str(Path(sys.executable).parent / "rasa"),
            "train",
            "--config", "config.yml",
            "--domain", "domain",
            "--data", "data",
            "--out", str(MODELS_DIR),
            "--fixed-model-name", target.name.removesuffix(".tar.gz"),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
    )
    _keep_in_cache(target)
    return target


def _keep_in_cache(model: Path) -> None:
    """Copy a trained model into the machine's cache; written under a temporary name and
    renamed, so a concurrent reader never sees half a model."""
    cache = model_cache_dir()
    if cache is None or (cache / model.name).exists():
        return
    cache.mkdir(parents=True, exist_ok=True)
    partial = cache / f".{model.name}.{os.getpid()}.partial"
    shutil.copyfile(model, partial)
    partial.replace(cache / model.name)


def rasa_process_env() -> dict[str, str]:
    """What every process that runs Rasa code gets on top of its environment.

    TensorFlow's thread counts, and Rasa's telemetry off: Rasa 3.6 reports usage to Segment and
    crashes (with their messages) to Sentry unless told not to, and its first run writes
    `metrics: enabled: true` into ~/.config/rasa/global.yml. A police system sends nothing to
    a third party (SECURITY.md, "Personal data"), whatever that file says.
    """
    return {**tensorflow_thread_env(), "RASA_TELEMETRY_ENABLED": "false"}


def tensorflow_thread_env() -> dict[str, str]:
    """TensorFlow thread counts for a 2-core machine (overridable from the environment)."""
    return {
        "TF_INTRA_OP_PARALLELISM_THREADS": os.environ.get("TF_INTRA_OP_PARALLELISM_THREADS", "2"),
        "TF_INTER_OP_PARALLELISM_THREADS": os.environ.get("TF_INTER_OP_PARALLELISM_THREADS", "1"),
        "TF_CPP_MIN_LOG_LEVEL": os.environ.get("TF_CPP_MIN_LOG_LEVEL", "2"),
    }
