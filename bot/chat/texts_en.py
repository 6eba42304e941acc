"""English twin of bot/chat/texts.py (issue #18): the gateway's own replies, same names."""

from __future__ import annotations

MESSAGE_TOO_LONG = (
    "Your message is too long. You can write at most {max_chars} characters at a time. "
    "Please split it into several messages."
)
MESSAGE_EMPTY = "Your message is empty. Write your question, and press Send."
TOO_MANY_MESSAGES = (
    "You have sent many messages in a short time. Wait a minute, and then try again."
)
TOO_MANY_SESSIONS = (
    "Many chats have been started from your connection in the last hour. "
    "Please try again later, or call the police on 114."
)
SESSION_MISSING = (
    "Your chat has expired or could not be found. Reload the page to start a new one."
)
BOT_UNAVAILABLE = (
    "Sorry, I cannot answer right now because of a technical error. "
    "Please try again soon. If you want to talk to a citizen advisor, call the police on 114. "
    "If it is an emergency, call 112."
)
BOT_QUEUED = (
    "I cannot answer right now because of a technical error. Your message is saved, "
    "and you will get an answer here as soon as it works again. If you want to talk to a "
    "citizen advisor, call the police on 114. If it is an emergency, call 112."
)
RESEND_MESSAGE = (
    "We could not pass on your message because of a technical error. "
    "Please write it again."
)
BOT_NO_ANSWER = (
    "I could not find an answer right now, because a part of the system is not answering. "
    "Please try again soon. If you want to talk to a citizen advisor, call the police on 114. "
    "If it is an emergency, call 112."
)
GENERIC_ERROR = (
    "Something went wrong on our side. Please try again soon, or call the police on 114."
)
SERVICE_UNAVAILABLE = (
    "There is a technical error, so your message was not sent. "
    "Please try again soon, or call the police on 114. If it is an emergency, call 112."
)
BAD_REQUEST = "We could not read your message. Please try again."
ORIGIN_REFUSED = "The chat can only be used from the police's own website."
IDENTITY_REFUSED = (
    "We could not confirm who you are. Log in again, or call the police on 114."
)
IDENTITY_CONFIRMED = "Thank you. We have confirmed who you are."

# The language of the chat (bot/gateway/chat_language.py); the question is asked in both.
LANGUAGE_QUESTION = (
    "It looks like you are writing in English. Do you want to continue in English? "
    "/ Vil du fortsætte på dansk?"
)
LANGUAGE_NOW = "OK. We will continue in English. What would you like to know?"
LANGUAGE_BUTTON_EN = "English"
LANGUAGE_BUTTON_DA = "Dansk"
