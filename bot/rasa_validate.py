"""`rasa data validate` with one known false positive explained away, and nothing else.

Rasa warns "The utterance 'utter_x' is not used in any story or rule" also for responses that
custom actions send by name (`dispatcher.utter_message(response="utter_x")`) and for the
questions forms ask (`utter_ask_<slot>`), because it only reads stories and rules. This
check accepts that warning only when an action module or a form really uses the response;
every other warning, or an unused response, fails the build.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bot.settings import PROJECT_ROOT

_UNUSED = re.compile(r"The utterance '(utter_\w+)' is not used in any story or rule\.")
_WARNING = re.compile(r"UserWarning: (.*)")


def responses_sent_by_actions(root: Path = PROJECT_ROOT) -> set[str]:
    """Responses named in action code, plus `utter_ask_<slot>` questions that forms ask."""
    import yaml

    names: set[str] = set()
    for path in (root / "actions").rglob("*.py"):
        names.update(re.findall(r"[\"'](utter_\w+)[\"']", path.read_text(encoding="utf-8")))
    for path in (root / "domain").rglob("*.yml"):
        forms = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("forms") or {}
        for form in forms.values():
            names.update(f"utter_ask_{slot}" for slot in (form or {}).get("required_slots", []))
    return names


def problems_in(output: str, sent_by_actions: set[str]) -> list[str]:
    problems = []
    for line in output.splitlines():
        warning = _WARNING.search(line)
        if not warning:
            continue
        unused = _UNUSED.search(warning.group(1))
        if unused and unused.group(1) in sent_by_actions:
            continue
        problems.append(warning.group(1).strip())
    return problems


def main() -> int:
    result = subprocess.run(  # noqa: S603 (fixed argument list)
        [str(Path(sys.executable).parent / "rasa"), "data", "validate",
         "--config", "config.yml", "--domain", "domain", "--data", "data"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=False,
    )
    output = result.stdout + result.stderr
    problems = problems_in(output, responses_sent_by_actions())
    for problem in problems:
        print(f"ERROR: {problem}", file=sys.stderr)
    if result.returncode != 0:
        print(output[-4000:], file=sys.stderr)
        print("ERROR: rasa data validate failed", file=sys.stderr)
        return 1
    if problems:
        return 1
    print("==> rasa data validate: no warnings (responses sent by actions accounted for)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
