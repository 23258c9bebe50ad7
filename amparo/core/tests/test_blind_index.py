import pytest
from django.test import override_settings

from amparo.core.blind_index import (
    TermKind,
    identifier_term,
    name_terms,
    name_tokens,
    normalise,
    query_sounds,
    sound,
)


def _of_kind(terms: list[tuple[str, str]], kind: TermKind) -> set[str]:
    return {d for k, d in terms if k == kind}


def test_normalise_folds_accents_case_and_punctuation():
    assert normalise("  MARÍA-José  Ñuñoa ") == "maria jose  nunoa"
    assert name_tokens("María J. López") == ["maria", "lopez"]


def test_accents_and_case_give_the_same_name_tokens():
    assert _of_kind(name_terms("María López"), TermKind.NAME_TOKEN) == _of_kind(
        name_terms("MARIA LOPEZ"), TermKind.NAME_TOKEN
    )


def test_names_that_sound_alike_share_sound_codes():
    assert _of_kind(name_terms("María López"), TermKind.NAME_SOUND) == _of_kind(
        name_terms("MARIA LOPES"), TermKind.NAME_SOUND
    )
    assert sound("vasquez") == sound("basques")
    assert sound("hernandez") == sound("ernandes")
    assert set(query_sounds("Lopes")) <= _of_kind(name_terms("María López"), TermKind.NAME_SOUND)


def test_different_names_do_not_match():
    assert not _of_kind(name_terms("Demofila Ejemplar"), TermKind.NAME_SOUND) & _of_kind(
        name_terms("María López"), TermKind.NAME_SOUND
    )


def test_digests_carry_no_plaintext_and_depend_on_the_key():
    terms = name_terms("Demofila")
    assert all("demofila" not in digest for _kind, digest in terms)
    with override_settings(AMPARO_BLIND_INDEX_KEY="another-key"):
        assert name_terms("Demofila") != terms


@pytest.mark.parametrize(
    ("a", "b"),
    [("+502 0000-1234", "00001234"), ("(502) 0000 1234", "0000 1234")],
)
def test_phones_match_on_the_local_number(a, b):
    assert identifier_term(TermKind.PHONE, a) == identifier_term(TermKind.PHONE, b)


def test_national_ids_ignore_spacing_and_case():
    assert identifier_term(TermKind.NATIONAL_ID, "demo-1234 5678") == identifier_term(
        TermKind.NATIONAL_ID, "DEMO 12345678"
    )
    assert identifier_term(TermKind.NATIONAL_ID, "12") is None
