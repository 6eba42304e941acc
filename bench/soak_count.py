"""The soak's bookkeeping: what happened to each message, from the authoritative records.

What the simulated citizen saw on its socket can be incomplete (a killed gateway cuts it off),
so the final counts come from the gateway's transcript of each chat (`/api/messages`) and
Rasa's tracker of the same conversation (which turns Rasa ran):

- lost: the message is not in the transcript, or nothing answers it (no bot line and no
  final notice) by the end of the drain;
- answered: at least one bot line after it, before the citizen's next message;
- notice only: no bot line, but a final Danish notice (the bot could not answer; try again);
- answered twice: the transcript shows the answers of two Rasa turns for it;
- run twice, shown once: Rasa ran it twice (a gateway died mid-turn and the message was
  forwarded again) but the citizen saw one answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.chat import texts
from bot.dashboard.queries import percentile
from bot.masking import mask_personal_data

# The notice that a message is kept until Rasa is back is not an answer; these are.
FINAL_NOTICES = frozenset({texts.BOT_NO_ANSWER, texts.BOT_UNAVAILABLE, texts.RESEND_MESSAGE})


@dataclass
class Sent:
    """One message a simulated citizen sent (however many times it had to resend it)."""

    conversation: str
    client_id: str
    text: str
    sent_at: float
    acked_at: float | None = None
    first_reply_at: float | None = None
    answered_at: float | None = None
    attempts: int = 1


@dataclass
class RasaTurn:
    user_text: str
    bot_texts: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    client_id: str
    stored: bool
    answered: bool
    notice_only: bool
    visible_turns: int
    rasa_runs: int

    @property
    def lost(self) -> bool:
        return not self.answered and not self.notice_only

    @property
    def answered_twice(self) -> bool:
        return self.visible_turns > 1


def rasa_turns(events: list[dict[str, Any]]) -> list[RasaTurn]:
    """The user messages Rasa processed, each with the texts it answered, in order."""
    turns: list[RasaTurn] = []
    for event in events:
        if event.get("event") == "user":
            turns.append(RasaTurn(mask_personal_data(str(event.get("text") or ""))))
        elif event.get("event") == "bot" and turns and event.get("text"):
            turns[-1].bot_texts.append(mask_personal_data(str(event["text"])))
    return turns


def classify(sent: list[Sent], transcript: list[dict[str, Any]],
             turns: list[RasaTurn] | None) -> list[Outcome]:
    """One outcome per sent message of one conversation (texts unique within it)."""
    citizen_lines = [i for i, line in enumerate(transcript) if line["sender"] == "citizen"]
    by_client = {transcript[i].get("client_id"): i for i in citizen_lines}
    remaining = list(turns or [])
    outcomes = []
    for message in sent:
        index = by_client.get(message.client_id)
        if index is None:
            outcomes.append(Outcome(message.client_id, False, False, False, 0, 0))
            continue
        following = [i for i in citizen_lines if i > index]
        replies = transcript[index + 1: following[0] if following else len(transcript)]
        bot_texts = [str(r["text"]) for r in replies if r["sender"] == "bot" and r["text"]]
        notices = [str(r["text"]) for r in replies if r["sender"] == "system"]
        runs: list[RasaTurn] = []
        stored_text = str(transcript[index]["text"])
        while remaining and remaining[0].user_text != stored_text:
            remaining.pop(0)  # a turn of no message of ours (cannot happen; skipped safely)
        while remaining and remaining[0].user_text == stored_text:
            runs.append(remaining.pop(0))
        outcomes.append(Outcome(
            message.client_id, True,
            answered=any(r["sender"] == "bot" for r in replies),
            notice_only=not any(r["sender"] == "bot" for r in replies)
            and any(n in FINAL_NOTICES for n in notices),
            visible_turns=_visible_turns(runs, bot_texts),
            rasa_runs=len(runs),
        ))
    return outcomes


def _visible_turns(runs: list[RasaTurn], shown: list[str]) -> int:
    """How many of Rasa's runs of one message the transcript shows, in order."""
    visible, position = 0, 0
    for run in runs:
        if run.bot_texts and shown[position:position + len(run.bot_texts)] == run.bot_texts:
            visible += 1
            position += len(run.bot_texts)
    return visible


def summarise(sent: list[Sent], outcomes: list[Outcome]) -> dict[str, Any]:
    first = [s.first_reply_at - s.sent_at for s in sent if s.first_reply_at is not None]
    answer = [s.answered_at - s.sent_at for s in sent if s.answered_at is not None]
    return {
        "sent": len(sent),
        "stored": sum(o.stored for o in outcomes),
        "answered": sum(o.answered for o in outcomes),
        "notice_only": sum(o.notice_only for o in outcomes),
        "lost": sum(o.lost for o in outcomes),
        "answered_twice": sum(o.answered_twice for o in outcomes),
        "run_twice_shown_once": sum(o.rasa_runs > 1 and not o.answered_twice
                                    for o in outcomes),
        "resent": sum(s.attempts > 1 for s in sent),
        "wait_first_line_max_s": round(max(first, default=0.0), 1),
        "wait_first_line_p50_s": round(percentile(first, 0.5), 2) if first else None,
        "wait_first_line_p99_s": round(percentile(first, 0.99), 2) if first else None,
        "wait_bot_answer_max_s": round(max(answer, default=0.0), 1),
        "wait_bot_answer_p99_s": round(percentile(answer, 0.99), 2) if answer else None,
    }
