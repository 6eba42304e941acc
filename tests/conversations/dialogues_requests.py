"""Dialogues of the request forms: call-back, follow-up, booking, complaint and rating; typed
answers to every button question, exits, questions in between, corrections, emergencies."""

from __future__ import annotations

from tests.conversations.dialogue import (
    ASK_BOOKING_TOPIC,
    ASK_COMMENT,
    ASK_COMPLAINT_KIND,
    ASK_COMPLAINT_TYPE,
    ASK_FOLLOWUP_JOURNAL,
    ASK_FOLLOWUP_PHONE,
    ASK_FOLLOWUP_WINDOW,
    ASK_NAME,
    ASK_ORGANISATION,
    ASK_PHONE,
    ASK_RATING,
    ASK_REFERENCE,
    ASK_TOPIC,
    ASK_WINDOW,
    CALLBACK_BOOKED,
    CORRECTED,
    FOLLOWUP_SENT,
    LEFT,
    PAUSED,
    RATING_THANKS,
    REPROMPT,
    RING_112,
    Turn,
    press,
    say,
)

CALLBACK = say("kan I ringe mig op", ASK_PHONE)
PHONE = say("20 30 40 50", ASK_WINDOW, buttons=["Formiddag (kl. 8-12)"])
FOLLOWUP = say("jeg er utryg og vil gerne tale med politiet", ASK_NAME)
NAME = say("Anna Hansen", ASK_FOLLOWUP_PHONE)
FOLLOWUP_PHONE = say("20304050", ASK_FOLLOWUP_WINDOW)
WINDOW = say("i morgen mellem 10 og 12", ASK_TOPIC)
TOPIC = say("Jeg vil gerne tale om tryghed i mit kvarter", ASK_FOLLOWUP_JOURNAL, buttons=["Nej"])
BOOKING = say("jeg vil gerne bestille en betjent", ASK_ORGANISATION)
COMPLAINT = say("jeg vil klage", ASK_COMPLAINT_KIND, buttons=["Politiets service"])
RATING = say("jeg vil give en vurdering", ASK_RATING, buttons=["1", "5"])
NOT_ASKED_AGAIN = say("tak", never=[ASK_PHONE, ASK_NAME, ASK_ORGANISATION, ASK_COMPLAINT_KIND,
                                    ASK_RATING, REPROMPT])

DIALOGUES: dict[str, list[Turn]] = {
    # --- call-back ----------------------------------------------------------------------
    "callback: stop leaves": [CALLBACK, say("stop", LEFT, never=[ASK_PHONE]), NOT_ASKED_AGAIN],
    "callback: nej tak leaves": [CALLBACK, PHONE, say("nej tak", LEFT, never=[ASK_WINDOW])],
    "callback: formiddag typed is the morning": [
        CALLBACK, PHONE, say("formiddag", CALLBACK_BOOKED, "formiddag kl. 8-12")],
    "callback: eftermiddag typed is the afternoon": [
        CALLBACK, PHONE, say("eftermiddag", CALLBACK_BOOKED, "eftermiddag kl. 12-16")],
    "callback: efter kl. 12 is understood": [
        CALLBACK, PHONE, say("efter kl. 12", CALLBACK_BOOKED, "kl. 12-18")],
    "callback: the button works as before": [
        CALLBACK, PHONE, press("Eftermiddag (kl. 12-16)", CALLBACK_BOOKED, "eftermiddag")],
    "callback: a sentence is not stored as a time": [
        CALLBACK, PHONE,
        say("det handler om min sag om vold", "formiddag", never=[CALLBACK_BOOKED]),
        say("formiddag", CALLBACK_BOOKED, never=["vold"])],
    "callback: a wrong phone is asked again with an example": [
        CALLBACK, say("123", "8 cifre"),
        say("20 30 40 50", ASK_WINDOW)],
    "callback: the phone number can be corrected": [
        CALLBACK, PHONE, say("nej, mit nummer er 21 31 41 51", CORRECTED, ASK_WINDOW),
        say("formiddag", CALLBACK_BOOKED)],
    "callback: no phone leads to 114": [
        CALLBACK, say("jeg har ikke en telefon", "114", never=[ASK_PHONE])],
    "callback: an emergency gets 112 first": [
        CALLBACK, say("det brænder i opgangen", RING_112, first=RING_112)],
    "callback: a question in between, then one re-prompt": [
        CALLBACK, say("hvad er en bistandsadvokat?", "bistandsadvokat", REPROMPT),
        say("20 30 40 50", ASK_WINDOW)],
    "callback: yes to the re-prompt asks again, and stores nothing": [
        CALLBACK, say("hvad er en bistandsadvokat?", REPROMPT),
        say("ja", ASK_PHONE, never=[REPROMPT, ASK_WINDOW]), PHONE],
    # --- follow-up call -------------------------------------------------------------------
    "followup: stop at the name leaves": [FOLLOWUP, say("stop", LEFT, never=[ASK_NAME]),
                                          NOT_ASKED_AGAIN],
    "followup: glem det at the phone leaves": [
        FOLLOWUP, NAME, say("glem det", LEFT, never=[ASK_FOLLOWUP_PHONE])],
    "followup: typed nej to the journal question sends it": [
        FOLLOWUP, NAME, FOLLOWUP_PHONE, WINDOW, TOPIC, say("nej", FOLLOWUP_SENT)],
    "followup: nej tak to the journal question sends it": [
        FOLLOWUP, NAME, FOLLOWUP_PHONE, WINDOW, TOPIC, say("nej tak", FOLLOWUP_SENT)],
    "followup: the name is never an emergency, 112 comes first": [
        FOLLOWUP, say("han står udenfor med en kniv", RING_112, first=RING_112,
                      never=[ASK_FOLLOWUP_PHONE])],
    "followup: a question in between is answered, then one re-prompt": [
        FOLLOWUP, NAME,
        say("hvad er en bistandsadvokat?", "bistandsadvokat", REPROMPT,
            never=[ASK_FOLLOWUP_WINDOW]),
        FOLLOWUP_PHONE],
    "followup: two questions in between end it": [
        FOLLOWUP, say("hvad er en bistandsadvokat?", REPROMPT),
        say("hvad betyder en henlæggelse?", PAUSED, never=[ASK_NAME]), NOT_ASKED_AGAIN],
    "followup: the phone number can be corrected": [
        FOLLOWUP, NAME, FOLLOWUP_PHONE,
        say("nej, mit nummer er 21 31 41 51", CORRECTED, ASK_FOLLOWUP_WINDOW)],
    "followup: an unclear time is asked again with an example": [
        FOLLOWUP, NAME, FOLLOWUP_PHONE, say("snart", "i morgen mellem 10 og 12"), WINDOW],
    # --- booking an officer ----------------------------------------------------------------
    "booking: stop leaves": [BOOKING, say("stop", LEFT, never=[ASK_ORGANISATION]),
                             NOT_ASKED_AGAIN],
    "booking: afbryd later leaves": [
        BOOKING, say("Grundejerforeningen Solsikken", ASK_BOOKING_TOPIC),
        say("afbryd", LEFT, never=[ASK_BOOKING_TOPIC])],
    "booking: an emergency gets 112 first": [
        BOOKING, say("der er indbrud i gang lige nu", RING_112, first=RING_112)],
    "booking: a question in between, then one re-prompt": [
        BOOKING, say("hvad er en bistandsadvokat?", REPROMPT),
        say("Grundejerforeningen Solsikken", ASK_BOOKING_TOPIC)],
    "booking status: stop leaves": [
        say("hvad er status på min bestilling", ASK_REFERENCE),
        say("stop", LEFT, never=[ASK_REFERENCE])],
    # --- complaint ---------------------------------------------------------------------
    "complaint: stop leaves": [COMPLAINT, say("stop", LEFT, never=[ASK_COMPLAINT_KIND]),
                               NOT_ASKED_AGAIN],
    "complaint: nej tak leaves": [COMPLAINT, say("nej tak", LEFT)],
    "complaint: the kind and type can be typed": [
        COMPLAINT, say("politiets service", ASK_COMPLAINT_TYPE),
        say("ventetid", "Skriv kort, hvad der skete")],
    "complaint: an unclear kind is asked again": [
        COMPLAINT, say("noget helt tredje", "Vælg en af knapperne", never=[ASK_COMPLAINT_TYPE])],
    "complaint: an officer named in the first message gets the route at once": [
        say("jeg vil klage over en betjent", "Politiklagemyndighed",
            never=[ASK_COMPLAINT_KIND, "Det forstod jeg desværre ikke"]), NOT_ASKED_AGAIN],
    "complaint: an emergency gets 112 first": [
        COMPLAINT, say("han slår mig lige nu", RING_112, first=RING_112)],
    "complaint: the whole service complaint": [
        COMPLAINT, press("Politiets service", ASK_COMPLAINT_TYPE),
        press("Ventetid", "Skriv kort"),
        say("Jeg ventede to timer i telefonen uden svar.", "referencenummer")],
    # --- rating ---------------------------------------------------------------------------
    "rating: a word for the score": [RATING, say("fire", ASK_COMMENT),
                                     say("nej tak", RATING_THANKS)],
    "rating: a digit for the score": [RATING, say("5", ASK_COMMENT), say("nej", RATING_THANKS)],
    "rating: the button as before": [RATING, press("3", ASK_COMMENT),
                                     say("Fin hjælp, tak.", RATING_THANKS)],
    "rating: nonsense is asked again": [RATING, say("måske", ASK_RATING, never=[ASK_COMMENT])],
    "rating: stop leaves": [RATING, say("stop", LEFT, never=[ASK_RATING]), NOT_ASKED_AGAIN],
    "rating: an emergency gets 112 first": [
        RATING, say("hjælp han har en kniv", RING_112, first=RING_112)],
    "rating: ja to the offer after goodbye": [
        say("farvel", buttons=["Giv en karakter"]), say("ja", ASK_RATING)],
}
