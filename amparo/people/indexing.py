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


def reindex_survivor(survivor: Survivor, identity: IdentityInput) -> None:
    SurvivorIndexTerm.objects.filter(survivor=survivor).delete()
    SurvivorIndexTerm.objects.bulk_create(
        SurvivorIndexTerm(
            survivor=survivor, organisation_id=survivor.organisation_id, kind=k, digest=d
        )
        for k, d in identity_terms(identity)
    )
