"""Citizen-facing texts that actions send and that are not domain responses.

Kept in one place so wording can be reviewed (plain Danish, short sentences) without reading code.
"""

NOT_UNDERSTOOD = (
    "Det forstod jeg desværre ikke. Prøv at skrive det med andre ord. "
    "Du kan også ringe til politiet på 114. Er det akut, så ring 112."
)
