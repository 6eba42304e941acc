"""Citizen-facing texts that actions send and that are not domain responses.

Kept in one place so wording can be reviewed (plain Danish, short sentences) without reading code.
"""

NOT_UNDERSTOOD = (
    "Det forstod jeg desværre ikke. Prøv at skrive det med andre ord. "
    "Du kan også ringe til politiet på 114. Er det akut, så ring 112."
)

# Knowledge base (actions/knowledge.py). The answers themselves live in knowledge/.
KNOWLEDGE_UNKNOWN = (
    "Det har jeg desværre ikke et svar på. Prøv at skrive det med andre ord, "
    "eller tal med en borgerrådgiver."
)
KNOWLEDGE_SOURCE_INTRO = "Svaret om »{title}« bygger på:"
KNOWLEDGE_SOURCE_REVIEWED = "Teksten er sidst gennemgået {date}."
KNOWLEDGE_NO_SOURCE_YET = (
    "Jeg har ikke givet dig et svar endnu, som jeg kan vise kilden til. Hvad vil du gerne vide?"
)
KNOWLEDGE_MORE_INTRO = "Vil du vide mere om »{title}«? Vælg et emne:"
KNOWLEDGE_NOTHING_MORE = "Hvad vil du gerne vide mere om? Skriv dit spørgsmål."
KNOWLEDGE_CLARIFY = "Jeg er ikke helt sikker på, hvad du mener. Mente du en af disse?"
KNOWLEDGE_CLARIFY_NO_GUESS = (
    "Jeg er ikke sikker på, hvad du mener. Prøv at skrive det med andre ord. "
    "Du kan også tale med en borgerrådgiver."
)
BUTTON_SHOW_SOURCE = "Hvor har du det fra?"
BUTTON_TALK_TO_ADVISOR = "Tal med en borgerrådgiver"
