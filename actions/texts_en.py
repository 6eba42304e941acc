"""English twin of actions/texts.py (issue #18): the same names, plain English."""

NOT_UNDERSTOOD = (
    "Sorry, I did not understand that. Please try to write it in other words. "
    "You can also call the police on 114. If it is an emergency, call 112."
)

KNOWLEDGE_UNKNOWN = (
    "Sorry, I do not have an answer to that. Please try other words, "
    "or talk to a citizen advisor."
)
KNOWLEDGE_SOURCE_INTRO = "The answer about »{title}« is based on:"
KNOWLEDGE_SOURCE_REVIEWED = "The text was last checked on {date}."
KNOWLEDGE_NO_SOURCE_YET = (
    "I have not given you an answer yet that I can show the source of. What would you like to know?"
)
KNOWLEDGE_MORE_INTRO = "Do you want to know more about »{title}«? Choose a topic:"
KNOWLEDGE_NOTHING_MORE = "What would you like to know more about? Write your question."
KNOWLEDGE_CLARIFY = "I am not quite sure what you mean. Did you mean one of these?"
KNOWLEDGE_CLARIFY_NO_GUESS = (
    "I am not sure what you mean. Please try other words. "
    "You can also talk to a citizen advisor."
)
BUTTON_SHOW_SOURCE = "Where is this from?"
BUTTON_TALK_TO_ADVISOR = "Talk to a citizen advisor"
