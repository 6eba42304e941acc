"""No Danish sentence reaches an English chat from outside a texts module (issue #18).

A citizen text lives in one texts module with an English twin (tests/bot/test_i18n.py checks
the twins), in the domain's responses, or in the knowledge base. This test reads the source of
the modules that talk to citizens and fails on a Danish sentence anywhere else, unless it is a
parser's help text that bot/requests/english.py says in English.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.requests import complaint_kinds, validation
from bot.requests.english import FALLBACK, english_message
from bot.requests.validation import InputRejected
from bot.settings import PROJECT_ROOT

# Not citizen-facing, each for its reason. A new module elsewhere is checked by default.
NOT_FOR_CITIZENS = {
    # The console's own pages are in Danish for advisors; what it sends citizens comes from
    # bot/handover/texts.py, so its other modules are checked.
    "bot/console/labels.py": "the advisors' console (staff, Danish)",
    "bot/console/packet_view.py": "the advisors' console (staff, Danish)",
    "bot/console/request_pages.py": "the advisors' console (staff, Danish)",
    "bot/console/supervisor_pages.py": "the supervisors' pages (staff, Danish)",
    "bot/dashboard/": "the supervisors' dashboard (staff, Danish)",
    "bot/knowledge/": "knowledge tooling; the entries carry both languages",
    "bot/nlu/": "patterns that read what citizens write",
    "bot/safety/": "patterns that read what citizens write",
    "bot/dialogue/answers.py": "typed answers the bot recognises (input)",
    "bot/requests/validation.py": "the parsers; their help texts are checked below",
    "bot/requests/complaint_kinds.py": "the complaint parsers (help texts checked below)",
    "bot/requests/english.py": "the English for the parsers' Danish help texts",
    "bot/requests/complaints.py": "complaint types for the dashboard",
    "bot/handover/context.py": "the advisors' case packet",
    "bot/cases/demo.py": "demo case data (as a case system would hold it)",
    "bot/cases/importer.py": "case import from files",
    # A known gap: bot/cases/status.py names a holiday in Danish in English deadline notes.
    "bot/calendar_dk.py": "Danish public holidays by their Danish names",
    "bot/cli.py": "the operator's command line",
    "bot/runner/": "the operator's process supervisor",
    "bot/web/design_system.py": "an operator's log line naming the design system",
}
DANISH_LETTERS = re.compile("[æøåÆØÅ]")
DANISH_WORDS = re.compile(
    r"\b(?:du|din|dit|dig|jeg|ikke|skriv|og|vi|kan|har|hvad|hvor|hvis|eller|til|på|med|"
    r"sagen|tak|ring|politiet|er|det|den|en|et|af|fra|om)\b",
    re.IGNORECASE,
)
REGEX_SIGNS = re.compile(r"[|\\]|\(\?")


def _sources() -> Iterator[tuple[str, Path]]:
    for path in sorted([*PROJECT_ROOT.glob("bot/**/*.py"), *PROJECT_ROOT.glob("actions/*.py")]):
        name = path.relative_to(PROJECT_ROOT).as_posix()
        if re.search(r"/texts(_en)?\.py$", name) or any(
            name.startswith(prefix) for prefix in NOT_FOR_CITIZENS
        ):
            continue
        yield name, path


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def _strings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every string of the module as written; an f-string with "0" for each placeholder."""
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [p.value if isinstance(p, ast.Constant) else "0" for p in node.values]
            skip.update(id(p) for p in node.values)
            yield node.lineno, "".join(str(p) for p in parts)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in skip:
            yield node.lineno, node.value


def looks_danish(text: str) -> bool:
    """A Danish sentence (not a word, a name, or a regular expression)."""
    if len(text.split()) < 2 or REGEX_SIGNS.search(text):
        return False
    return bool(DANISH_LETTERS.search(text)) or len(DANISH_WORDS.findall(text)) >= 2


def danish_sentences_outside_texts() -> list[str]:
    found = []
    for name, path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=name)
        for line, text in _strings(tree):
            if looks_danish(text) and english_message(text) == FALLBACK:
                found.append(f"{name}:{line}: {text!r}")
    return found


def test_citizen_texts_live_in_texts_modules() -> None:
    # Put a new citizen text in the module's texts.py and its English twin in texts_en.py.
    assert danish_sentences_outside_texts() == []


def test_the_check_sees_danish_and_leaves_english_and_patterns() -> None:
    assert looks_danish("Du er nummer 1 i køen.")
    assert looks_danish("Vi kan ikke svare nu")
    assert not looks_danish("The chat could not start. Please try again.")
    assert not looks_danish(r"have med|tage med")
    assert not looks_danish("Retssal")


def test_the_check_reads_f_strings_whole_and_skips_docstrings() -> None:
    source = (
        'def notice(n):\n'
        '    """Siger til borgeren, hvor mange der venter."""\n'
        '    return f"Du er nummer {n} i køen."\n'
    )
    found = [text for _, text in _strings(ast.parse(source)) if looks_danish(text)]
    assert found == ["Du er nummer 0 i køen."]


NOW = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
# Answers each parser refuses, so that every refusal message is seen once.
REFUSED = [
    (validation.parse_name, ""),
    (validation.parse_name, "Anne 2"),
    (lambda text: validation.parse_free_text(text, ask="Skriv kort, hvad der skete."), "x" * 1001),
    (validation.parse_danish_phone, "12"),
    (validation.parse_contact, "anne@"),
    (validation.parse_contact, "ring til mig"),
    (validation.parse_optional_journal_number, "måske"),
    (lambda text: validation.parse_time_window(text, NOW), "en blå bil"),
    (lambda text: validation.parse_time_window(text, NOW), "i morgen kl. 25"),
    (lambda text: validation.parse_time_window(text, NOW), "31/2 kl. 10-12"),
    (lambda text: validation.parse_time_window(text, NOW), "kl. 10-12"),
    (lambda text: validation.parse_time_window(text, NOW), "i morgen kl. 16-14"),
    (lambda text: validation.parse_time_window(text, NOW), "i morgen kl. 5-6"),
    (lambda text: validation.parse_time_window(text, NOW), "i dag kl. 7-8"),
    (lambda text: validation.parse_time_window(text, NOW), "1/6 2027 kl. 10-12"),
    (validation.parse_callback_window, "snart"),
    (validation.parse_callback_window, "i morgen kl. 5-6"),
    (complaint_kinds.parse_complaint_kind, "noget helt andet"),
    (complaint_kinds.parse_complaint_type, "hmm"),
    (validation.parse_rating, "hmm"),
    (validation.parse_optional_comment, "x" * 1001),
]


@pytest.mark.parametrize(("parse", "answer"), REFUSED)
def test_every_parser_refusal_has_english(parse: object, answer: str) -> None:
    with pytest.raises(InputRejected) as refused:
        parse(answer)  # type: ignore[operator]
    english = english_message(refused.value.message)
    assert english != FALLBACK, refused.value.message
    assert not looks_danish(english), english
