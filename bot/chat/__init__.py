"""The citizen chat's service layer: transcripts, limits and the Rasa client (no web code)."""
