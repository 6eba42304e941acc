"""Case-status dialogues: leaving, interrupting and correcting the verification, codes typed
where a code is asked, the status card and the questions after it."""

from __future__ import annotations

from tests.conversations.dialogue import (
    ASK_CODE,
    ASK_JOURNAL,
    CORRECTED,
    LEFT,
    NO_RECEIPT,
    NOT_VERIFIED,
    PAUSED,
    QUEUED,
    REPROMPT,
    RING_112,
    Turn,
    press,
    say,
)

START = say("hvor langt er min sag", ASK_JOURNAL)
JOURNAL = say("{victim_journal}", ASK_CODE)
VERIFIED_VICTIM = [START, JOURNAL, say("{victim_code}", "Din sag {victim_journal} er nu her",
                                       card=True, buttons=["Hvad kan jeg gøre nu?"])]
VERIFIED_WITNESS = [START, say("{witness_journal}", ASK_CODE),
                    say("{witness_code}", "Du er vidne i sag {witness_journal}", card=True,
                        buttons=["Hvornår er retsmødet?", "Hvad skal jeg have med?"])]
# After leaving, a plain "tak" is thanked for, and the form does not come back.
NOT_ASKED_AGAIN = say("tak", never=[ASK_JOURNAL, ASK_CODE, REPROMPT])

DIALOGUES: dict[str, list[Turn]] = {
    "status: stop leaves at once": [
        START, say("stop", LEFT, never=[ASK_JOURNAL, "henlæg"]), NOT_ASKED_AGAIN],
    "status: afbryd leaves": [START, say("afbryd", LEFT, never=[ASK_JOURNAL]), NOT_ASKED_AGAIN],
    "status: glem det leaves": [START, say("glem det", LEFT, never=[ASK_JOURNAL])],
    "status: nej tak leaves": [START, say("nej tak", LEFT, never=[ASK_JOURNAL])],
    "status: stop at the code leaves too": [START, JOURNAL, say("stop", LEFT, never=[ASK_CODE]),
                                            NOT_ASKED_AGAIN],
    "status: without a journal number you are told where to find it": [
        START,
        say("det har jeg ikke", NO_RECEIPT, "kvittering", "114",
            buttons=["Tal med en borgerrådgiver"], never=[ASK_JOURNAL]),
        NOT_ASKED_AGAIN],
    "status: without the receipt you are told what else to do": [
        START, JOURNAL,
        say("jeg har ikke min kvittering", NO_RECEIPT, "114", never=[ASK_CODE]),
        NOT_ASKED_AGAIN],
    "status: the advisor button after no receipt reaches a person": [
        START, say("jeg har ikke mit journalnummer", NO_RECEIPT),
        press("Tal med en borgerrådgiver", QUEUED)],
    "status: glem det with a new question answers it and leaves": [
        START,
        # Unsure which compensation: "Mente du ...?" with the compensation entries as buttons.
        say("glem det, jeg vil hellere vide noget om erstatning", LEFT,
            buttons=["Erstatning fra staten (Erstatningsnævnet)"],
            never=[ASK_JOURNAL, REPROMPT]),
        NOT_ASKED_AGAIN],
    "status: a question in between is answered, then one short re-prompt": [
        START,
        say("hvad er en bistandsadvokat?", "bistandsadvokat", REPROMPT,
            never=[ASK_JOURNAL]),
        say("{victim_journal}", ASK_CODE)],
    "status: a second question ends the form": [
        START,
        say("hvad er en bistandsadvokat?", REPROMPT),
        say("hvad betyder en henlæggelse?", PAUSED, never=[REPROMPT, ASK_JOURNAL]),
        NOT_ASKED_AGAIN],
    "status: yes to the re-prompt asks the question again": [
        START, say("hvad er en bistandsadvokat?", REPROMPT),
        say("ja", ASK_JOURNAL, never=[REPROMPT])],
    "status: no to the re-prompt ends it": [
        START, say("hvad er en bistandsadvokat?", REPROMPT),
        say("nej", LEFT, never=[ASK_JOURNAL]), NOT_ASKED_AGAIN],
    "status: the stop button of the re-prompt ends it": [
        START, say("hvad er en bistandsadvokat?", REPROMPT, buttons=["Stop"]),
        press("Stop", LEFT, never=[ASK_JOURNAL])],
    "status: an emergency mid-form gets 112 first": [
        START, say("han står ude foran med en kniv", RING_112, first=RING_112)],
    "status: stalking disclosed mid-form gets 112, then its help, then the re-prompt": [
        START, say("en fyr følger efter mig hver dag", RING_112, "114", "logbog", REPROMPT,
                   first=RING_112, buttons=["Hvor har du det fra?"])],
    "emergency: violence from a partner gets 112 first, then Lev Uden Vold": [
        say("min kæreste slår mig", RING_112, "114", "1888", first=RING_112),
        say("hvor har du det fra?", "Vold fra en partner eller i familien")],
    "emergency: a fire gets 112 and no other topic after it": [
        say("det brænder i opgangen", RING_112, "114", never=["1888", "Stalking", "logbog"],
            first=RING_112)],
    "status: an emergency while the code is asked gets 112 first": [
        START, JOURNAL, say("det brænder i opgangen", RING_112, first=RING_112)],
    "status: a wrong code that looks like a code does not match": [
        START, JOURNAL, say("DDDD-4444", NOT_VERIFIED, never=[RING_112, "114"])],
    "status: another code-like wrong code does not match": [
        START, JOURNAL, say("M4NP-6QRS", NOT_VERIFIED, never=[QUEUED])],
    "status: a code typed in lower case with a space verifies": [
        START, JOURNAL, say("{victim_code_spaced}", "Din sag {victim_journal}", card=True)],
    "status: a corrected journal number is taken": [
        START, JOURNAL,
        say("nej, mit journalnummer er {witness_journal}", CORRECTED),
        say("{witness_code}", "Du er vidne i sag {witness_journal}", card=True)],
    "status: the victim's status is one card": VERIFIED_VICTIM,
    "status: what can I do now, typed after the card": [
        *VERIFIED_VICTIM,
        say("hvad kan jeg gøre nu?", "Det kan du gøre nu", "statsadvokaten", never=[ASK_JOURNAL])],
    "status: what happens now, typed after the card": [
        *VERIFIED_VICTIM,
        say("hvad sker der nu?", "Det kan du gøre nu", "statsadvokaten",
            never=[ASK_JOURNAL, "ikke helt sikker"])],
    "status: what can I do now, pressed after the card": [
        *VERIFIED_VICTIM, press("Hvad kan jeg gøre nu?", "Det kan du gøre nu")],
    "status: the witness's status is one card": VERIFIED_WITNESS,
    "status: when is the hearing, after the witness card": [
        *VERIFIED_WITNESS, say("hvornår er retsmødet?", "Retsmødet er", never=[ASK_JOURNAL])],
    "status: what to bring, after the witness card": [
        *VERIFIED_WITNESS, press("Hvad skal jeg have med?", "viser dit tab")],
    "status: a person after the card gets the question, not the code": [
        *VERIFIED_VICTIM,
        say("jeg vil gerne tale med en borgerrådgiver om min sag", QUEUED)],
    "status: after a lock-out a typed code does not queue for a person": [
        START, say("{witness_journal}", ASK_CODE),
        say("AAAA-2222", NOT_VERIFIED), say("{witness_journal}", ASK_CODE),
        say("AAAA-2223", NOT_VERIFIED), say("{witness_journal}", ASK_CODE),
        say("AAAA-2224", NOT_VERIFIED), say("{witness_journal}", ASK_CODE),
        say("AAAA-2225", NOT_VERIFIED), say("{witness_journal}", ASK_CODE),
        say("AAAA-2226", "for mange forsøg", buttons=["Tal med en borgerrådgiver"]),
        say("M4NP-6QRS", "for mange forsøg", never=[QUEUED]),
        say("ja", QUEUED)],
}
