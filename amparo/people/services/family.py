"""The survivor's family members, recorded from a case."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.core.validation import Errors
from amparo.people import events, vocab
from amparo.people.models import FamilyMember
from amparo.people.refs import CaseRef
from amparo.people.services.survivors import MAX_AGE


def validate_family_member(
    errors: Errors, *, relation: str, safety: str, birth_year: int | None
) -> None:
    """Add to ``errors`` every rule a family member breaks (the demo seeder applies it too)."""
    errors.choice("relation", relation, vocab.FamilyRelation)
    errors.choice("safety", safety, vocab.FamilySafety)
    this_year = timezone.localdate().year
    if birth_year is not None and not this_year - MAX_AGE <= birth_year <= this_year:
        errors.add("birth_year", _("Give a plausible birth year."))


@transaction.atomic
def family_member_add(
    *,
    actor: User,
    case: CaseRef,
    relation: str,
    name: str = "",
    birth_year: int | None = None,
    lives_with_survivor: bool = False,
    safety: str = vocab.FamilySafety.UNKNOWN,
    is_alleged_perpetrator: bool = False,
    notes: str = "",
) -> FamilyMember:
    """Add a family member to the file of the case's survivor.

    Needs EDIT_CASE (``Denied``). Refuses unknown vocabularies and an
    implausible birth year; an alleged perpetrator is always recorded as
    unsafe. Writes ``family.added``.
    """
    perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    validate_family_member(errors, relation=relation, safety=safety, birth_year=birth_year)
    errors.raise_if_any()
    member = FamilyMember.objects.create(
        survivor_id=case.survivor_id,
        relation=relation,
        name=name.strip(),
        birth_year=birth_year,
        lives_with_survivor=lives_with_survivor,
        safety=vocab.FamilySafety.UNSAFE if is_alleged_perpetrator else safety,
        is_alleged_perpetrator=is_alleged_perpetrator,
        notes=notes,
        created_by=actor,
    )
    events.family_member_added(actor=actor, member=member, case=case)
    return member
