"""One runner per var/ directory; the second one is told who runs, and starts nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.runner.run import AlreadyRunning, is_running, run_lock


def test_a_second_runner_on_the_same_var_directory_is_refused(tmp_path: Path) -> None:
    assert not is_running(tmp_path)
    with run_lock(tmp_path):
        assert is_running(tmp_path)
        with pytest.raises(AlreadyRunning, match=f"runner pid {os.getpid()}"), run_lock(tmp_path):
            pass  # pragma: no cover - the lock is held
    assert not is_running(tmp_path)
    with run_lock(tmp_path):  # and free again afterwards
        assert is_running(tmp_path)


def test_status_says_not_running_for_a_runner_json_without_a_runner(
    isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    (isolated_environment / "runner.json").write_text(json.dumps({
        "runner_pid": 1, "updated_at": "x", "services": {}}))
    assert main(["status"]) == 1
    assert "left from a runner that was killed" in capsys.readouterr().out
    with run_lock(isolated_environment):
        assert main(["status"]) == 0
    assert "Runner pid 1" in capsys.readouterr().out
