"""The one base for our custom NLU components that have no settings, nothing to train and
nothing to store: Rasa's `create` builds them from nothing (so each component says only what
it does to a message)."""

from __future__ import annotations

from typing import Any, TypeVar

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

_Component = TypeVar("_Component", bound="StatelessComponent")


class StatelessComponent(GraphComponent):
    """A GraphComponent whose `create` ignores config, storage and context.

    The registered subclasses keep their own names and modules (config.yml), so the model's
    fingerprint does not change with this base.
    """

    @classmethod
    def create(
        cls: type[_Component],
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> _Component:
        return cls()
