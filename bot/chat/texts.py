"""Every text the gateway itself says to a citizen (Danish, short, plain).

The bot's own answers live in the Rasa domain; these are only the gateway's replies when it
refuses a message or cannot reach the bot.
"""

from __future__ import annotations

MESSAGE_TOO_LONG = (
    "Din besked er for lang. Du kan højst skrive {max_chars} tegn ad gangen. "
    "Del den gerne op i flere beskeder."
)
MESSAGE_EMPTY = "Din besked er tom. Skriv dit spørgsmål, og tryk på Send."
TOO_MANY_MESSAGES = (
    "Du har sendt mange beskeder på kort tid. Vent et minut, og prøv så igen."
)
TOO_MANY_SESSIONS = (
    "Der er startet mange samtaler fra din forbindelse den seneste time. "
    "Prøv igen senere, eller ring til politiet på 114."
)
SESSION_MISSING = (
    "Din samtale er udløbet eller kunne ikke findes. Genindlæs siden for at starte en ny."
)
BOT_UNAVAILABLE = (
    "Jeg kan desværre ikke svare lige nu, fordi der er en teknisk fejl. "
    "Prøv igen om lidt. Vil du tale med en borgerrådgiver, så ring til politiet på 114. "
    "Er det akut, så ring 112."
)
BOT_QUEUED = (
    "Jeg kan ikke svare lige nu, fordi der er en teknisk fejl. Din besked er gemt, "
    "og du får svar her, så snart det virker igen. Vil du tale med en borgerrådgiver, "
    "så ring til politiet på 114. Er det akut, så ring 112."
)
RESEND_MESSAGE = (
    "Vi kunne ikke sende din besked videre på grund af en teknisk fejl. "
    "Skriv den gerne igen."
)
BOT_NO_ANSWER = (
    "Jeg kunne ikke finde et svar lige nu, fordi en del af systemet ikke svarer. "
    "Prøv igen om lidt. Vil du tale med en borgerrådgiver, så ring til politiet på 114. "
    "Er det akut, så ring 112."
)
GENERIC_ERROR = (
    "Der skete en fejl hos os. Prøv igen om lidt, eller ring til politiet på 114."
)
SERVICE_UNAVAILABLE = (
    "Der er en teknisk fejl, så din besked blev ikke sendt. "
    "Prøv igen om lidt, eller ring til politiet på 114. Er det akut, så ring 112."
)
BAD_REQUEST = "Vi kunne ikke læse din besked. Prøv igen."
ORIGIN_REFUSED = "Chatten kan kun bruges fra politiets egen hjemmeside."
IDENTITY_REFUSED = (
    "Vi kunne ikke bekræfte, hvem du er. Log ind igen, eller ring til politiet på 114."
)
IDENTITY_CONFIRMED = "Tak. Vi har bekræftet, hvem du er."

# The language of the chat (issue #18, bot/gateway/chat_language.py). The question goes to a
# Danish chat in which the citizen wrote English, so it is asked in both languages.
LANGUAGE_QUESTION = (
    "It looks like you are writing in English. Do you want to continue in English? "
    "/ Vil du fortsætte på dansk?"
)
LANGUAGE_NOW = "Fint. Vi fortsætter på dansk. Hvad vil du gerne vide?"
LANGUAGE_BUTTON_EN = "English"
LANGUAGE_BUTTON_DA = "Dansk"
