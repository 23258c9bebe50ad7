"""Blind-index terms for a survivor's identity (see amparo.core.blind_index)."""

from amparo.core.blind_index import TermKind, digest, identifier_term, name_terms
from amparo.people.inputs import IdentityInput
from amparo.people.models import Survivor, SurvivorIndexTerm


def identity_terms(identity: IdentityInput) -> list[tuple[str, str]]:
    names = " ".join([identity.given_names, identity.family_names, identity.other_names])
    terms = set(name_terms(names))
    if identity.date_of_birth:
        terms.add(
            (
                TermKind.BIRTH_DATE.value,
                digest(TermKind.BIRTH_DATE, identity.date_of_birth.isoformat()),
            )
        )
    for kind, value in (
        (TermKind.NATIONAL_ID, identity.national_id),
        (TermKind.PHONE, identity.phone),
    ):
        term = identifier_term(kind, value) if value else None
        if term:
            terms.add(term)
    return sorted(terms)


def name_digests_for(identity: IdentityInput) -> list[str]:
    """What ``Survivor.name_digests`` holds for ``identity``: its name-sound digests, sorted.

    The same digests as its ``NAME_SOUND`` index terms, so a search by name
    (``query_sounds``) finds the survivor through either.
    """
    return [d for kind, d in identity_terms(identity) if kind == TermKind.NAME_SOUND.value]


def reindex_survivor(survivor: Survivor, identity: IdentityInput) -> None:
    """Write the survivor's blind index again from ``identity``: its index terms and its
    ``name_digests`` (saved only when they changed), in step."""
    terms = identity_terms(identity)
    SurvivorIndexTerm.objects.filter(survivor=survivor).delete()
    SurvivorIndexTerm.objects.bulk_create(
        SurvivorIndexTerm(
            survivor=survivor, organisation_id=survivor.organisation_id, kind=k, digest=d
        )
        for k, d in terms
    )
    digests = [d for kind, d in terms if kind == TermKind.NAME_SOUND.value]
    if survivor.name_digests != digests:
        survivor.name_digests = digests
        Survivor.objects.filter(pk=survivor.pk).update(name_digests=digests)
