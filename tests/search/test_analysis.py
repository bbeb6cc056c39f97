"""The analyzer and the query parser on their own: what a word becomes, on both engines alike."""

import pytest

from edition.search.analysis import Expansions, analyze, similarity, spans
from edition.search.query import found_in, fts5_expression, parse, tsquery_expression

CABLE_ABBREVIATIONS = Expansions(
    {
        "govt": "GOVERNMENT",
        "negots": "NEGOTIATIONS",
        "pres's": "PRESIDENT'S",
        "pres": "PRESIDENT",
        "no": "NUMBER",
        "sc": "SECURITY COUNCIL",
    }
)


@pytest.mark.parametrize("form", ["IL-28", "IL28", "il28", "IL-28s", "IL-28'S", "Il-28’s"])
def test_every_form_of_the_bomber_is_one_term(form):
    assert analyze(form) == "il28"


def test_abbreviations_stand_for_their_expansions_in_capitals_or_when_long_enough():
    assert analyze("GOVT NEGOTS", CABLE_ABBREVIATIONS) == analyze("government negotiations")
    assert analyze("PRES'S", CABLE_ABBREVIATIONS) == analyze("President's") == "presid"
    assert analyze("NO", CABLE_ABBREVIATIONS) == "number"
    assert analyze("no", CABLE_ABBREVIATIONS) == "no"  # a two-letter word in lower case is the English word
    assert analyze("SC", CABLE_ABBREVIATIONS) == "secur council"


def test_stems_possessives_plurals_and_accents():
    assert analyze("verify") == analyze("verification") == analyze("verified")
    assert analyze("letters") == analyze("letter")
    assert analyze("Khrushchev's") == analyze("Khrushchev")
    assert analyze("café") == analyze("cafe")
    assert analyze("long-term") == "long term"


def test_spans_point_at_the_words_as_written():
    text = "THEY HAVE NOT REMOVED IL-28'S NOR"
    found = {s.surface: s.terms for s in spans(text)}
    assert found["IL-28'S"] == ("il28",)
    span = next(s for s in spans(text) if s.terms == ("il28",))
    assert text[span.start : span.end] == "IL-28'S"


def test_queries_are_rebuilt_from_terms_so_no_operator_comes_from_the_reader():
    for typed in ['NEAR( AND "', '"unbalanced', "a OR b", "col:umn", "x*y", "^start", "{a b}: c"]:
        query = parse(typed)
        if query.searchable:
            expression = fts5_expression(query)
            assert set(expression) <= set('abcdefghijklmnopqrstuvwxyz0123456789 "()*') | set("ANDORT"), expression
            assert "(" in tsquery_expression(query)


def test_phrases_prefixes_exclusions_and_spaced_designators():
    query = parse('"firm undertakings" quarant* -cuba IL 28')
    assert fts5_expression(query) == '(("firm undertak") AND ("quarant" *) AND ("il28" OR "il 28")) NOT (("cuba"))'
    assert tsquery_expression(query) == "((firm <-> undertak)) & ((quarant:*)) & ((il28) | (il <-> 28)) & !((cuba))"
    assert not parse("-cuba").searchable and not parse("***").searchable


def test_a_found_row_says_which_of_its_texts_hold_the_query_as_the_engines_would():
    """The view a hit opens: the reading text and names, or else the diplomatic text."""
    reading, names, diplomatic = analyze("WE WOULD LIFT QUARANTINE"), analyze("Adlai Stevenson"), analyze("DISTANTLING")
    assert found_in(parse("quarantine lift"), reading, names)  # every word, in any order
    assert found_in(parse('"lift quarantine"'), reading) and not found_in(parse('"quarantine lift"'), reading)
    assert found_in(parse("quarant* Stevenson"), reading, names)  # each word in one of the texts
    assert not found_in(parse('"quarantine Adlai"'), reading, names)  # a phrase stays within one text
    assert not found_in(parse("quar"), reading) and found_in(parse("quar*"), reading)
    assert not found_in(parse("DISTANTLING"), reading, names) and found_in(parse("DISTANTLING"), diplomatic)
    assert found_in(parse("IL 28"), analyze("the IL-28S")) and found_in(parse("IL 28"), analyze("IL 28 bombers"))


def test_long_queries_are_cut_and_say_so():
    query = parse("quarantine " * 100)
    assert query.truncated and len(query.clauses) == 10


def test_similarity_is_pg_trgm_s():
    assert similarity("quarentine", "quarantine") > 0.5
    assert similarity("kuznetzov", "kuznetsov") > similarity("kuznetzov", "khrushchev")
