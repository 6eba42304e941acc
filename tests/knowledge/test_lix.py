"""LIX is computed the Danish way: words per sentence plus percent words over six letters."""

from __future__ import annotations

import pytest

from bot.knowledge.lix import is_long, lix, sentence_count, words


def test_lix_of_a_short_plain_text_is_words_per_sentence_plus_long_share() -> None:
    # 7 words, 2 sentences, no word over 6 letters ("Aarhus" has exactly 6).
    assert lix("Jeg hedder Per. Jeg bor i Aarhus.") == pytest.approx(3.5)


def test_lix_counts_long_words_as_more_than_six_letters() -> None:
    # 4 words, 1 sentence, 2 long ("politiet", "efterforsker"): 4/1 + 100*2/4 = 54.
    assert lix("Politiet efterforsker sagen nu.") == pytest.approx(54.0)


def test_abbreviations_and_sections_do_not_end_a_sentence() -> None:
    assert sentence_count("Se § 10, stk. 2 i loven. Ring fx. 114 i dag.") == 2


def test_each_markdown_list_item_counts_as_a_sentence() -> None:
    assert sentence_count("Du kan:\n\n- ringe 114\n- skrive til os") == 3


def test_link_targets_are_not_words_but_link_texts_are() -> None:
    assert words("Læs [mere her](https://politi.dk/anmeld).") == ["Læs", "mere", "her"]


def test_domain_names_count_as_one_word() -> None:
    assert words("Gå ind på politi.dk nu") == ["Gå", "ind", "på", "politi.dk", "nu"]


def test_digits_do_not_make_a_word_long() -> None:
    assert not is_long("1234567")
    assert is_long("anmelder")


def test_empty_text_scores_zero() -> None:
    assert lix("") == 0.0
