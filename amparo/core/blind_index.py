"""Blind indexes: keyed hashes that let Amparo match identities without plaintext.

A blind index is HMAC-SHA256 of a normalised value under a key separate from
the encryption keys. Equal inputs give equal digests, so duplicates and name
searches are found by comparing digests; without the key the digests reveal
nothing. Names are indexed per token and per phonetic code of each token so
that "Maria Lopez" finds "MARÍA LÓPES".
"""

import hashlib
import hmac
import re
import unicodedata

import jellyfish
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TermKind(models.TextChoices):
    NAME_TOKEN = "name", _("Name token")
    NAME_SOUND = "sound", _("Name sound")
    BIRTH_DATE = "dob", _("Date of birth")
    NATIONAL_ID = "nid", _("National ID")
    PHONE = "phone", _("Phone")


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9 ]+", " ", ascii_only.lower()).strip()


def name_tokens(text: str) -> list[str]:
    return [t for t in normalise(text).split() if len(t) >= 2]


# Spellings that sound alike in Latin American Spanish, folded before Metaphone
# (which is English-minded): b/v, s/z/ce/ci, y/ll, silent h, qu/k/c.
_HISPANIC_FOLDS = (
    ("ll", "y"),
    ("v", "b"),
    ("z", "s"),
    ("ce", "se"),
    ("ci", "si"),
    ("qu", "k"),
    ("w", "gu"),
)


def sound(token: str) -> str:
    folded = token[1:] if token.startswith("h") and len(token) > 2 else token
    for spelling, spoken in _HISPANIC_FOLDS:
        folded = folded.replace(spelling, spoken)
    return jellyfish.metaphone(folded) or token


def digest(kind: str, value: str) -> str:
    key = settings.AMPARO_BLIND_INDEX_KEY.encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def digits(text: str) -> str:
    return re.sub(r"\D+", "", text)


def name_terms(text: str) -> list[tuple[str, str]]:
    terms = set()
    for token in name_tokens(text):
        terms.add((TermKind.NAME_TOKEN.value, digest(TermKind.NAME_TOKEN, token)))
        terms.add((TermKind.NAME_SOUND.value, digest(TermKind.NAME_SOUND, sound(token))))
    return sorted(terms)


def query_sounds(text: str) -> list[str]:
    """One digest per name token of a search query, by sound."""
    return sorted({digest(TermKind.NAME_SOUND, sound(t)) for t in name_tokens(text)})


def identifier_term(kind: TermKind, value: str) -> tuple[str, str] | None:
    cleaned = digits(value) if kind == TermKind.PHONE else normalise(value).replace(" ", "")
    if kind == TermKind.PHONE:
        cleaned = cleaned[-8:]  # country prefixes vary; the local number does not
    if len(cleaned) < 4:
        return None
    return (kind.value, digest(kind, cleaned))
