"""LIX readability (Björnsson): words per sentence plus the share of long words, in percent.

LIX = words / sentences + 100 * long_words / words, where a long word has more than six letters.
Danish reference: up to 24 very easy, 25-34 easy, 35-44 medium. Answers must stay at or below 40.
"""

from __future__ import annotations

import re

LONG_WORD_LETTERS = 6

_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
_WORD = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*")
# A sentence ends at . ! ? or : before a capital letter, a quote or the end of the text,
# so "stk. 2" and "fx. politi.dk" inside a sentence do not end it.
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s+[\"'»(\[*A-ZÆØÅ]|\s*$)")


def _plain_lines(text: str) -> list[str]:
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _URL.sub("link", text)
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)  # list bullets
        line = line.replace("**", "").replace("__", "").lstrip("#> ").strip()
        if line:
            lines.append(line)
    return lines


def plain_text(text: str) -> str:
    """The Markdown text as plain sentences: each line ends a sentence at the latest."""
    return "\n".join(
        line if line[-1] in ".!?:" else f"{line}." for line in _plain_lines(text)
    )


def words(text: str) -> list[str]:
    """The words of a Markdown text, without link targets and markup."""
    return [w for line in _plain_lines(text) for w in _WORD.findall(line)]


def sentence_count(text: str) -> int:
    """Sentences, where each Markdown line (a list item, a heading) ends one at the latest."""
    count = 0
    for line in _plain_lines(text):
        if not _WORD.search(line):
            continue
        count += max(1, len(_SENTENCE_END.findall(line)))
    return count


def is_long(word: str) -> bool:
    return sum(1 for ch in word if ch.isalpha()) > LONG_WORD_LETTERS


def lix(text: str) -> float:
    """The LIX score of `text`; 0.0 for a text without words."""
    all_words = words(text)
    if not all_words:
        return 0.0
    sentences = max(1, sentence_count(text))
    long_words = sum(1 for w in all_words if is_long(w))
    return len(all_words) / sentences + 100 * long_words / len(all_words)
