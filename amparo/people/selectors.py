"""Reads of survivor data. Identity is never read here: see services.identity_reveal."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, QuerySet

from amparo.accounts.models import Organisation
from amparo.core.blind_index import TermKind, query_sounds
from amparo.people.indexing import identity_terms
from amparo.people.inputs import IdentityInput
from amparo.people.models import Survivor, SurvivorIndexTerm


def survivor_ids_matching_name(*, organisation: Organisation, text: str) -> QuerySet:
    """Survivors of ``organisation`` whose names sound like every token of ``text``.

    Compares keyed digests only. On PostgreSQL, one containment test of
    ``Survivor.name_digests`` that its GIN index answers by intersecting the
    tokens' posting lists; on SQLite, the index terms grouped per survivor.
    """
    sounds = query_sounds(text)
    if not sounds:
        return Survivor.objects.none().values("pk")
    if connection.vendor == "postgresql":
        return Survivor.objects.filter(
            organisation=organisation, name_digests__contains=sounds
        ).values("pk")
    return (
        SurvivorIndexTerm.objects.filter(
            organisation=organisation, kind=TermKind.NAME_SOUND, digest__in=sounds
        )
        .values("survivor_id")
        .annotate(hits=Count("digest", distinct=True))
        .filter(hits=len(sounds))
        .values("survivor_id")
    )


@dataclass(frozen=True)
class DuplicateCandidate:
    survivor_id: int
    reasons: tuple[str, ...]


_STRONG = {TermKind.NATIONAL_ID.value: "national ID", TermKind.PHONE.value: "phone"}


def possible_duplicates(
    *, organisation: Organisation, identity: IdentityInput
) -> list[DuplicateCandidate]:
    """Survivors of the organisation who may be the person being registered.

    A shared national ID or phone is enough; so is a name that sounds the same
    in every token together with the same date of birth, or the same name
    alone when there are at least two name tokens.
    """
    terms = identity_terms(identity)
    if not terms:
        return []
    digests = [d for _k, d in terms]
    rows = SurvivorIndexTerm.objects.filter(
        organisation=organisation, digest__in=digests
    ).values_list("survivor_id", "kind")
    hits: dict[int, list[str]] = {}
    for survivor_id, kind in rows:
        hits.setdefault(survivor_id, []).append(kind)
    wanted_sounds = sum(1 for k, _d in terms if k == TermKind.NAME_SOUND)
    candidates = []
    for survivor_id, kinds in hits.items():
        reasons = [label for kind, label in _STRONG.items() if kind in kinds]
        sounds = kinds.count(TermKind.NAME_SOUND.value)
        same_name = wanted_sounds >= 2 and sounds == wanted_sounds
        if same_name:
            reasons.append("name")
        if TermKind.BIRTH_DATE.value in kinds and (same_name or sounds >= 1):
            reasons.append("date of birth")
        if reasons and (set(reasons) & {"national ID", "phone"} or same_name):
            candidates.append(DuplicateCandidate(survivor_id=survivor_id, reasons=tuple(reasons)))
    return sorted(candidates, key=lambda c: -len(c.reasons))[:10]
