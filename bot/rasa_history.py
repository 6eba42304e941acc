"""A bounded, cached view of one conversation's events for Rasa's turn (flat cost per turn).

Rasa rebuilds the tracker from the store on every turn, and its policies replay the whole
history for every prediction (`past_states`), so a turn's cost grew with the conversation:
O(n) per turn, O(n²) per chat. Here the tracker store keeps, per conversation, the events it
has already read and decrypted (`HistoryCache`), reads only newer rows, and hands Rasa a
*window*: a snapshot of the state before the window (the slots and the active form, as Rasa's
own session start carries slots over) followed by the last few dozen events unchanged.

Nothing is lost: every event is still stored and encrypted, `retrieve_full_tracker` (Rasa's
tracker API, the console's conversation view) still reads them all. Policies look back only a
few turns (Memoization `max_history: 4`, the rules a few steps), so they decide the same;
actions see the window too (the handover packet's transcript is the last turns of the chat,
and the advisor has the full transcript in the console).

The cache is an accelerator, never the truth: each read checks against the database that the
cached rows are still there and unchanged in number (deletion, retention, another Rasa worker
that served the previous turn), and falls back to a full read when in doubt.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    Event,
    SessionStarted,
    SlotSet,
    deserialise_events,
)
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker

# A window starts after at most this many events (about 15 knowledge turns) and is then cut
# back to about KEEP_EVENTS; tunable without a release through the environment.
WINDOW_EVENTS = int(os.environ.get("BR_TRACKER_WINDOW_EVENTS", "80"))
KEEP_EVENTS = WINDOW_EVENTS // 2
# Conversations whose events stay cached in one Rasa process (least recently used dropped).
CACHED_CONVERSATIONS = int(os.environ.get("BR_TRACKER_CACHE_CONVERSATIONS", "2000"))
# Set on the trackers this module builds: (events handed to Rasa, rows stored at that time).
VIEW_MARK = "_br_window"


@dataclass
class History:
    """What one process knows of one conversation's current session."""

    last_id: int  # the newest stored row read or written
    rows: int  # all stored rows of the sender up to last_id (every session)
    tail: list[Event]  # the events since the cut (or since the session start)
    head: DialogueStateTracker | None = None  # the state just before `tail`, once cut
    snapshot: list[Event] = field(default_factory=list)


def _cut_index(tail: Sequence[Event]) -> int | None:
    """Index of the last `action_listen` that leaves about KEEP_EVENTS after it, if any."""
    for index in range(len(tail) - KEEP_EVENTS, 0, -1):
        event = tail[index]
        if isinstance(event, ActionExecuted) and event.action_name == ACTION_LISTEN_NAME:
            return index
    return None


def _snapshot(head: DialogueStateTracker) -> list[Event]:
    """Events that rebuild the head's state: a session start carrying its slots over."""
    stamp = head.events[-1].timestamp if head.events else None
    events: list[Event] = [
        ActionExecuted(ACTION_SESSION_START_NAME, timestamp=stamp),
        SessionStarted(timestamp=stamp),
    ]
    for slot in head.slots.values():
        if slot.value != slot.initial_value:
            events.append(SlotSet(slot.name, slot.value, timestamp=stamp))
    if head.active_loop_name:
        events.append(ActiveLoop(head.active_loop_name, timestamp=stamp))
    events.append(ActionExecuted(ACTION_LISTEN_NAME, timestamp=stamp))
    return events


def window(history: History, sender_id: str, slots: Sequence[Slot]) -> list[Event]:
    """The events to hand Rasa; moves the cut forward when the tail has grown too long."""
    if len(history.tail) > WINDOW_EVENTS:
        cut = _cut_index(history.tail)
        if cut is not None:
            moved, history.tail = history.tail[: cut + 1], history.tail[cut + 1:]
            if history.head is None:
                history.head = DialogueStateTracker.from_events(sender_id, moved, slots)
            else:
                for event in moved:
                    history.head.update(event)
            history.snapshot = _snapshot(history.head)
    return [*history.snapshot, *history.tail] if history.head is not None else history.tail


def mark(tracker: DialogueStateTracker, history: History, handed: int) -> DialogueStateTracker:
    setattr(tracker, VIEW_MARK, (handed, history.rows))
    return tracker


def new_events(tracker: DialogueStateTracker, rows_now: int,
               fallback: Callable[[], int]) -> list[Event]:
    """The tracker's events not stored yet.

    For a tracker built here: those after the window, less any stored since it was built (the
    same rule as Rasa's own store, which counts stored rows). Otherwise Rasa's rule as is.
    """
    view = getattr(tracker, VIEW_MARK, None)
    events = list(tracker.events)
    if view is None:
        return events[fallback():]
    handed, rows_then = view
    return events[handed + max(0, rows_now - rows_then):]


class HistoryCache:
    """Per-process cache of conversations' histories, least recently used dropped first."""

    def __init__(self, capacity: int = CACHED_CONVERSATIONS) -> None:
        self._capacity = capacity
        self._items: OrderedDict[str, History] = OrderedDict()

    def get(self, sender_id: str) -> History | None:
        history = self._items.get(sender_id)
        if history is not None:
            self._items.move_to_end(sender_id)
        return history

    def put(self, sender_id: str, history: History) -> None:
        self._items[sender_id] = history
        self._items.move_to_end(sender_id)
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)

    def drop(self, sender_id: str) -> None:
        self._items.pop(sender_id, None)


def parse_events(rows: Sequence[dict[str, Any]]) -> list[Event]:
    """Events from their stored form, skipping unknown ones as Rasa's own `from_dict` does."""
    return deserialise_events(list(rows))
