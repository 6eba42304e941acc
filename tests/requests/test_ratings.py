"""Chat ratings: one per inquiry, 1 to 5."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models.requests import ChatRating
from bot.requests.ratings import save_rating

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def test_rating_again_replaces_the_first_rating(session: Session) -> None:
    save_rating(session, conversation_id="conv-1", score=2, comment="", now=NOW)
    save_rating(session, conversation_id="conv-1", score=5, comment="Fint", now=NOW)
    rating = session.execute(select(ChatRating)).scalar_one()
    assert (rating.score, rating.comment) == (5, "Fint")


@pytest.mark.parametrize("score", [0, 6])
def test_scores_outside_one_to_five_are_refused(session: Session, score: int) -> None:
    with pytest.raises(ValueError):
        save_rating(session, conversation_id="conv-1", score=score, comment="", now=NOW)
