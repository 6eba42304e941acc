"""The knowledge base: one YAML file per topic in `knowledge/`, the single source of truth.

`loader` reads and renders entries, `validate` checks them, `generate` writes the Rasa training
data from them and `evaluate` measures how well held-out questions find the right entry.
"""
