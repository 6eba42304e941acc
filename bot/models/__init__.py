"""SQLAlchemy models, one module per concern. Importing this package registers every table."""

from bot.models import accounts  # noqa: F401
from bot.models import audit  # noqa: F401
from bot.models import cases  # noqa: F401
from bot.models import inquiries  # noqa: F401
from bot.models import requests  # noqa: F401
from bot.models import chat  # noqa: F401
from bot.models import handover  # noqa: F401
