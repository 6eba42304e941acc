"""SQLAlchemy models, one module per concern. Importing this package registers every table."""

from bot.models import (
    accounts,  # noqa: F401
    audit,  # noqa: F401
    cases,  # noqa: F401
    chat,  # noqa: F401
    handover,  # noqa: F401
    inquiries,  # noqa: F401
    requests,  # noqa: F401
)
