"""Rasa's validator: only the 'sent by an action' false positive is accepted."""

from __future__ import annotations

from bot.rasa_validate import problems_in, responses_sent_by_actions

OUTPUT = """
/x/io.py:100: UserWarning: The utterance 'utter_sent_by_action' is not used in any story or rule.
/x/io.py:100: UserWarning: The utterance 'utter_forgotten' is not used in any story or rule.
/x/io.py:100: UserWarning: Slot 'x' has a mapping condition for form 'f' which is not listed.
INFO rasa.validator - Story structure validation...
"""


def test_unused_response_is_accepted_only_when_an_action_sends_it() -> None:
    problems = problems_in(OUTPUT, {"utter_sent_by_action"})
    assert problems == [
        "The utterance 'utter_forgotten' is not used in any story or rule.",
        "Slot 'x' has a mapping condition for form 'f' which is not listed.",
    ]


def test_project_responses_sent_by_actions_include_hotlines_and_form_questions() -> None:
    names = responses_sent_by_actions()
    assert "utter_hotline_sensitive_suicidal_thoughts" in names
    assert "utter_ask_receipt_code" in names
