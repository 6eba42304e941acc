"""SQLAlchemy models, one module per concern. Importing this package registers every table."""

from bot.models import audit  # noqa: F401
