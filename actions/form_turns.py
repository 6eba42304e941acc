"""Leaving and interrupting a form: "stop", "jeg har ikke ...", questions in between, corrections.

Every form's validation action inherits `LeavableForm`. Rasa runs it for each message while the
form is active (an active loop goes before any rule), and again when the form comes back after
another action answered a question in between. Before the slot parsers it decides:
- danger or a question is never stored as an answer: the form steps aside, the rules answer it
  (112 first), and the form comes back once with a short re-prompt; a second question ends it;
- "stop", "afbryd", "glem det", "nej tak" end the form with a short confirmation
  ("glem det, <question>" ends it, and the question is answered);
- "jeg har ikke ..." ends it and says where to go instead;
- "nej, mit nummer er ..." corrects an earlier answer;
- another task ("hvor langt er min sag?" during a call-back) steps aside too, and its rule
  starts that task's form, which starts afresh (`is_starting`).
The action that would follow a finished form does nothing after one that was left, and the bot
waits for the citizen (`skip_if_form_left`).
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, TypeVar

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import (
    ActionExecutionRejected,
    ActiveLoop,
    EventType,
    FollowupAction,
    SlotSet,
)
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.language import texts_for
from bot.dialogue import texts
from bot.dialogue.answers import (
    MIN_WORDS_OF_A_QUESTION,
    correction,
    exit_phrase,
    is_no,
    is_yes,
    looks_like_question,
    says_dont_have,
    text_after_exit,
)
from bot.knowledge.schema import entry_id_from_intent

REQUESTED_SLOT = "requested_slot"
ACTION_LISTEN = "action_listen"
FORM_LEFT_SLOT = "form_left"
QUESTIONS_SLOT = "form_questions"
REPROMPT_SLOT = "form_reprompt"
# Intents that are answers to a form's question, never a change of subject.
ANSWER_INTENTS = frozenset({"give_journal_number", "give_code", "affirm", "deny",
                            "nlu_fallback", "greet", "thank", "out_of_scope"})
# Never taken as an answer, however the form's slot would read it: 112 first.
STEP_ASIDE_INTENTS = frozenset({
    "emergency", "sensitive_close_relationship_violence", "sensitive_sexual_offence",
    "sensitive_threats", "sensitive_suicidal_thoughts", "request_human",
})
QUESTION_CONFIDENCE = 0.5
# A sentence that is no question and not the answer ("det handler om min sag om vold" to
# "Hvornår passer det dig?") is more often an answer gone wrong than a new subject: it leaves
# the form only when the classifier is sure of the subject.
STATEMENT_CONFIDENCE = 0.9
# Where any sentence may be the answer ("hvad vil du tale om?"), a question must be clearer.
FREE_TEXT_QUESTION_CONFIDENCE = 0.8
# "jeg har ikke ..." and a bare "stop" are short; a longer text is an answer that uses the words.
SHORT_MESSAGE_WORDS = 8


def cleared_marks(tracker: Tracker) -> list[EventType]:
    """The form marks ("left", questions in between, re-prompt) back to their start values,
    for the marks that are set."""
    marks = {FORM_LEFT_SLOT: False, QUESTIONS_SLOT: 0.0, REPROMPT_SLOT: False}
    return [SlotSet(slot, value) for slot, value in marks.items() if tracker.get_slot(slot)]


def form_label(form: str, tracker: Tracker) -> str:
    words = texts_for(texts, tracker)
    return str(words.FORM_LABELS.get(form, words.FORM_LABEL_UNKNOWN))


def _intent(tracker: Tracker) -> tuple[str, float]:
    intent = tracker.latest_message.get("intent") or {}
    return str(intent.get("name") or ""), float(intent.get("confidence") or 0.0)


def _unsure_about_a_topic(tracker: Tracker, intent: str) -> bool:
    """NLU was unsure, but a knowledge entry is among its best guesses: "glem det, jeg vil
    hellere vide noget om erstatning" is a question, answered with "Mente du ...?"."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    return intent == "nlu_fallback" and any(
        entry_id_from_intent(item.get("name")) is not None for item in ranking[:3])


def _citizen_just_wrote(tracker: Tracker, form: str) -> bool:
    """True when the form runs on a new message, False when it comes back after an answer.

    Rasa hands the validation a tracker that already ends with the form's own action, so the
    action before that one tells: `action_listen` means the citizen has just written.
    """
    actions = [e.get("name") for e in tracker.events if e.get("event") == "action"]
    if actions and actions[-1] == form:
        actions = actions[:-1]
    return bool(actions) and actions[-1] == ACTION_LISTEN


class LeavableForm(FormValidationAction, ABC):
    """A form validation the citizen can always leave, interrupt and correct (abstract, so the
    action server registers only the forms)."""

    @abstractmethod
    def name(self) -> str: ...

    # Slots whose question "nej" answers ("Har du et journalnummer? ... ellers skriv nej").
    no_is_an_answer: ClassVar[frozenset[str]] = frozenset()
    # Corrections: the word the citizen uses ("nummer") -> the slot it corrects.
    corrections: ClassVar[dict[str, str]] = {}
    # Slots that take any sentence (a topic, a description): exits and questions must be clear.
    free_text: ClassVar[frozenset[str]] = frozenset()

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if self.is_starting(tracker, domain):
            # It starts in place of another form: none of that one's marks.
            return [*cleared_marks(tracker),
                    *await self.validate_turn(dispatcher, tracker, domain)]
        turn = await self.leave_or_step_aside(dispatcher, tracker, domain)
        if turn is not None:
            return turn
        return await self.validate_turn(dispatcher, tracker, domain)

    def is_starting(self, tracker: Tracker, domain: DomainDict) -> bool:
        """True on the message that starts this form: it has asked nothing yet.

        Rasa already names the form as the active loop when it starts it, and the requested
        slot may still be another form's: "hvor langt er min sag?" in the middle of a call-back
        starts the case lookup while the call-back's phone question is the requested slot.
        Taken for this form's, that message was stepped aside from the form it had just
        started, and the bot ended in "Det forstod jeg desværre ikke".
        """
        return (tracker.active_loop_name != self.form_name()
                or tracker.get_slot(REQUESTED_SLOT) not in self.domain_slots(domain))

    async def validate_turn(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The form's own validation of this turn (rasa-sdk's, unless a form adds to it)."""
        return await super().run(dispatcher, tracker, domain)

    def takes_as_answer(self, tracker: Tracker) -> bool:
        """True when the message is this form's answer whatever its intent (e.g. a code)."""
        return False

    async def accepts(self, slot: str, text: str, tracker: Tracker, domain: DomainDict) -> bool:
        """Whether the slot's own validation takes the text (said to a dispatcher nobody reads)."""
        validate = getattr(self, f"validate_{slot}", None)
        if validate is None:
            return True
        result = await validate(text, CollectingDispatcher(), tracker, domain)
        return bool(result) and result.get(slot) is not None

    async def leave_or_step_aside(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType] | None:
        form = self.form_name()
        if not _citizen_just_wrote(tracker, form):
            return await self._coming_back(dispatcher, tracker, domain)
        requested = tracker.get_slot(REQUESTED_SLOT)
        text = str(tracker.latest_message.get("text") or "")
        if not requested or not text or self.takes_as_answer(tracker):
            return None
        intent, confidence = _intent(tracker)
        label = form_label(form, tracker)
        words = texts_for(texts, tracker)
        # The emergency guard's rules force full confidence; a classifier's guess at danger
        # does not outweigh an unmistakable "afbryd" or "stop".
        # "jeg har ikke en telefon" is an answer, whatever a classifier guesses.
        guessed = confidence < 1.0 and (
            (exit_phrase(text) is not None and len(text.split()) <= 3)
            or (says_dont_have(text) and len(text.split()) <= SHORT_MESSAGE_WORDS))
        if intent in STEP_ASIDE_INTENTS and not guessed:
            return self._step_aside(tracker, requested)
        fix = correction(text)
        if fix is not None and fix.what in self.corrections:
            return await self._correct(dispatcher, tracker, domain, self.corrections[fix.what],
                                       fix.value)
        answer_no = requested in self.no_is_an_answer and is_no(text)
        free = requested in self.free_text
        short = len(text.split()) <= SHORT_MESSAGE_WORDS
        if exit_phrase(text) and not answer_no:
            asks = len(text_after_exit(text).split()) >= MIN_WORDS_OF_A_QUESTION and (
                intent not in ANSWER_INTENTS or _unsure_about_a_topic(tracker, intent))
            if asks:
                dispatcher.utter_message(text=words.FORM_LEFT_FOR_QUESTION.format(label=label))
                # Left by the citizen's own words, already confirmed: no "paused" on the way
                # back, however many questions came before.
                return [*self._step_aside(tracker, requested), SlotSet(FORM_LEFT_SLOT, True),
                        SlotSet(QUESTIONS_SLOT, 0.0)]
            if short or not free:
                dispatcher.utter_message(text=words.FORM_LEFT.format(label=label))
                return self._leave(domain)
        if is_yes(text) and not await self.accepts(requested, text, tracker, domain):
            # "ja" to "Skal vi fortsætte?": the form asks its question again, in full.
            return [SlotSet(requested, None), SlotSet(REPROMPT_SLOT, False)]
        if says_dont_have(text) and short and not free and requested not in self.no_is_an_answer:
            self.say_dont_have(dispatcher, tracker, form)
            return self._leave(domain)
        question = looks_like_question(text)
        needed = (FREE_TEXT_QUESTION_CONFIDENCE if free
                  else QUESTION_CONFIDENCE if question else STATEMENT_CONFIDENCE)
        # A failed try at the answer ("123" for a phone number) is asked again, not answered.
        worded = sum(word.isalpha() for word in text.split()) >= MIN_WORDS_OF_A_QUESTION
        if intent not in ANSWER_INTENTS and confidence >= needed and (
            question
            or (worded and not free
                and not await self.accepts(requested, text, tracker, domain))
        ):
            return self._step_aside(tracker, requested)
        return None

    def say_dont_have(self, dispatcher: CollectingDispatcher, tracker: Tracker, form: str
                      ) -> None:
        words = texts_for(texts, tracker)
        dispatcher.utter_message(text=words.DONT_HAVE.format(label=form_label(form, tracker)),
                                 buttons=[dict(words.TALK_TO_ADVISOR)])

    def _step_aside(self, tracker: Tracker, requested: str) -> list[EventType]:
        """Let the rules answer this message; the form waits (its slot stays empty)."""
        questions = float(tracker.get_slot(QUESTIONS_SLOT) or 0) + 1
        events: list[EventType] = [SlotSet(requested, None), SlotSet(QUESTIONS_SLOT, questions),
                                   ActionExecutionRejected(self.form_name())]
        if questions >= 2:
            events.insert(0, SlotSet(FORM_LEFT_SLOT, True))
        return events

    async def _coming_back(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType] | None:
        """Back after an answer in between: end the form, or ask again once, briefly."""
        questions = float(tracker.get_slot(QUESTIONS_SLOT) or 0)
        if not tracker.get_slot(FORM_LEFT_SLOT) and questions < 1:
            return None  # the form's first question (Rasa runs it after its activation)
        if tracker.get_slot(FORM_LEFT_SLOT):
            if questions >= 2:
                dispatcher.utter_message(
                    text=texts_for(texts, tracker).FORM_LEFT_AFTER_QUESTIONS.format(
                        label=form_label(self.form_name(), tracker))
                )
            return self._leave(domain)
        events = await self.validate_turn(dispatcher, tracker, domain)
        return [*events, SlotSet(REPROMPT_SLOT, True)]

    async def _correct(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
        slot: str, value: str,
    ) -> list[EventType]:
        validate = getattr(self, f"validate_{slot}")
        result = await validate(value, dispatcher, tracker, domain)
        if result.get(slot) is not None:
            dispatcher.utter_message(text=texts_for(texts, tracker).CORRECTED)
        requested = tracker.get_slot(REQUESTED_SLOT)
        events = [SlotSet(key, val) for key, val in result.items()]
        if requested and requested != slot:
            events.append(SlotSet(str(requested), None))
        return events

    def _leave(self, domain: DomainDict) -> list[EventType]:
        """End the form now, forgetting what it was given; the next action stays silent."""
        cleared = [SlotSet(slot, None) for slot in self.domain_slots(domain)]
        return [*cleared, SlotSet(FORM_LEFT_SLOT, True), SlotSet(QUESTIONS_SLOT, 0.0),
                SlotSet(REPROMPT_SLOT, False), SlotSet(REQUESTED_SLOT, None), ActiveLoop(None)]


ActionT = TypeVar("ActionT")
Run = Callable[[ActionT, CollectingDispatcher, Tracker, Any], Awaitable[list[EventType]]]


def skip_if_form_left(run: Run[ActionT]) -> Run[ActionT]:
    """For the action a finished form leads to: after a form that was left, do nothing.

    "Nothing" includes choosing what comes next: the bot waits for the citizen. A rule that
    goes on after the action (the complaint's, for its hand-over) has nothing to go on to,
    and a policy guess there became the core fallback, whose reverted message also undid the
    leaving ("Det forstod jeg desværre ikke", and the form asked again on the next message).
    """

    @functools.wraps(run)
    async def guarded(action: ActionT, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Any) -> list[EventType]:
        reset = cleared_marks(tracker)
        if tracker.get_slot(FORM_LEFT_SLOT):
            return [*reset, FollowupAction(ACTION_LISTEN)]
        return [*await run(action, dispatcher, tracker, domain), *reset]

    return guarded
