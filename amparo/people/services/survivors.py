"""Writes to a survivor's record and identity. Each writes its audit event in the same transaction."""

import datetime

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.core.concurrency import StaleVersionError, apply_changes
from amparo.core.validation import Errors, birth_floor
from amparo.people import events, extensions, vocab
from amparo.people.age import Birth, survivor_birth
from amparo.people.indexing import name_digests_for, reindex_survivor
from amparo.people.inputs import IdentityInput, SurvivorInput
from amparo.people.models import Survivor, SurvivorIdentity
from amparo.people.refs import CaseRef
from amparo.people.selectors import DuplicateCandidate, possible_duplicates
from amparo.people.services.ages import age_band_set

MAX_AGE = 120


def validate_survivor(errors: Errors, data: SurvivorInput, *, prefix: str = "") -> None:
    """Add to ``errors`` what is wrong with the survivor's attributes; writes nothing.

    A pseudonym is required, vocabularies must be known and a birth year
    plausible. ``prefix`` names the fields as the caller's input does
    (``survivor.`` at intake).
    """
    if not data.pseudonym.strip():
        errors.add(prefix + "pseudonym", _("Give the survivor a pseudonym."))
    errors.choice(prefix + "sex", data.sex, vocab.Sex)
    errors.choice(prefix + "nationality", data.nationality, vocab.Nationality, blank=True)
    errors.choices(prefix + "languages", data.languages, vocab.Language)
    errors.choice(prefix + "disability", data.disability, vocab.Disability)
    errors.choice(prefix + "displacement", data.displacement, vocab.Displacement)
    this_year = timezone.localdate().year
    if data.birth_year is not None and not this_year - MAX_AGE <= data.birth_year <= this_year:
        errors.add(
            prefix + "birth_year",
            _("Give a birth year between %(a)s and %(b)s.")
            % {"a": this_year - MAX_AGE, "b": this_year},
        )


def validate_identity(errors: Errors, data: IdentityInput, *, prefix: str = "") -> None:
    """Add to ``errors`` what is wrong with an identity (a date of birth in the past and
    plausible); writes nothing."""
    this_year = timezone.localdate().year
    if errors.past_date(prefix + "date_of_birth", data.date_of_birth) and (
        data.date_of_birth is not None and data.date_of_birth.year < this_year - MAX_AGE
    ):
        errors.add(
            prefix + "date_of_birth",
            _("Give a birth year between %(a)s and %(b)s.")
            % {"a": this_year - MAX_AGE, "b": this_year},
        )


def _not_born_after_records(
    errors: Errors, field: str, born: datetime.date | None, *, survivor: Survivor
) -> None:
    """A birth (year or date) cannot come after what is already recorded about the survivor."""
    if born is None:
        return
    earliest = min(
        (
            day
            for day in (
                # Through the survivor's own relations: people names no model of cases.
                survivor.cases.aggregate(d=Min("incidents__occurred_on"))["d"],
                survivor.cases.aggregate(d=Min("opened_on"))["d"],
                survivor.consents.aggregate(d=Min("given_on"))["d"],
            )
            if day is not None
        ),
        default=None,
    )
    if earliest is not None and earliest < born:
        errors.add(
            field,
            _("The survivor's file already has a date before this birth (%(date)s).")
            % {"date": earliest.isoformat()},
        )


def _birth_year(survivor: SurvivorInput, identity: IdentityInput) -> int | None:
    if survivor.birth_year is None and identity.date_of_birth is not None:
        return identity.date_of_birth.year
    return survivor.birth_year


def survivor_create(
    *, actor: User, organisation: Organisation, survivor: SurvivorInput, identity: IdentityInput
) -> Survivor:
    """Create a survivor with an encrypted identity and its blind index.

    For ``intake_submit``, which checks the actor's permission and validates
    first. Today's age band is worked out from the exact date of birth when
    given (kept in clear; the date is encrypted). Writes ``survivor.registered``.
    """
    record = Survivor(
        organisation=organisation,
        pseudonym=survivor.pseudonym.strip(),
        sex=survivor.sex,
        birth_year=_birth_year(survivor, identity),
        nationality=survivor.nationality,
        languages=sorted(set(survivor.languages)),
        disability=survivor.disability,
        displacement=survivor.displacement,
        created_by=actor,
        name_digests=name_digests_for(identity),
    )
    age_band_set(
        record,
        birth=Birth(year=record.birth_year, date=identity.date_of_birth),
        today=timezone.localdate(),
    )
    record.save()
    SurvivorIdentity.objects.create(survivor=record, **identity.__dict__)
    reindex_survivor(record, identity)
    events.survivor_registered(actor=actor, survivor=record)
    return record


@transaction.atomic
def survivor_update(
    *, actor: User, case: CaseRef, expected_version: int, data: SurvivorInput
) -> Survivor:
    """Update the survivor's non-identifying attributes.

    Needs EDIT_CASE (``Denied``). Refuses invalid attributes, a birth year
    after a date already on the file or other than the year of the exact date
    of birth, and a stale version; the survivor is locked. Writes
    ``survivor.updated`` naming the changed fields. A changed birth year
    works out today's age band and, through ``extensions.birth_changed``, the
    age at each incident again, in this transaction.
    """
    perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    validate_survivor(errors, data)
    errors.raise_if_any()
    survivor = Survivor.objects.select_for_update().get(pk=case.survivor_id)
    if survivor.version != expected_version:
        # Before the checks against the file: a stale form is answered as stale.
        raise StaleVersionError(current_version=survivor.version)
    if data.birth_year != survivor.birth_year:
        _not_born_after_records(
            errors, "birth_year", birth_floor(birth_year=data.birth_year), survivor=survivor
        )
        born = survivor_birth(survivor).date
        if born is not None and data.birth_year != born.year:
            # Said without the year: whoever edits the survivor may not see the identity.
            errors.add(
                "birth_year",
                _(
                    "The birth year must be the year of the exact date of birth on file; "
                    "correct the date of birth instead."
                ),
            )
        errors.raise_if_any()
    changed = apply_changes(
        survivor,
        expected_version=expected_version,
        changes={
            **data.__dict__,
            "pseudonym": data.pseudonym.strip(),
            "languages": sorted(set(data.languages)),
        },
    )
    events.survivor_updated(actor=actor, survivor=survivor, case=case, changed_fields=changed)
    if "birth_year" in changed:
        _birth_changed(actor=actor, survivor=survivor, case=case, cause="birth_year")
    return survivor


def _birth_changed(*, actor: User, survivor: Survivor, case: CaseRef, cause: str) -> None:
    """What follows from a locked survivor's birth, written again: today's band (no version
    bump: nobody edits a band) and, through the hooks, the age at each incident."""
    age_band_set(survivor, birth=survivor_birth(survivor), today=timezone.localdate())
    survivor.save(update_fields=["age_band", "age_band_on"])
    for hook in extensions.birth_changed:
        hook(actor=actor, survivor=survivor, case=case, cause=cause)


@transaction.atomic
def identity_update(
    *, actor: User, case: CaseRef, expected_version: int, data: IdentityInput
) -> SurvivorIdentity:
    """Replace the encrypted identity and its blind index.

    Needs REVEAL_IDENTITY (``Denied``): changing it means seeing it. The
    survivor is locked and its version guards the identity; a date of birth
    after a date already on the file is refused. Writes ``identity.updated``
    naming the changed fields, never their values. A new date of birth sets
    the birth year kept in clear to its year and, like ``survivor_update``,
    works out today's band and the age at each incident again.
    """
    perm_required(actor, Perm.REVEAL_IDENTITY)
    errors = Errors()
    validate_identity(errors, data)
    errors.raise_if_any()
    survivor = Survivor.objects.select_for_update().get(pk=case.survivor_id)
    identity = survivor.identity
    if data.date_of_birth != identity.date_of_birth:
        _not_born_after_records(errors, "date_of_birth", data.date_of_birth, survivor=survivor)
        errors.raise_if_any()
    changed = [name for name, value in data.__dict__.items() if getattr(identity, name) != value]
    apply_changes(survivor, expected_version=expected_version, changes={})
    year_follows = data.date_of_birth is not None and data.date_of_birth.year != survivor.birth_year
    if changed:
        for name in changed:
            setattr(identity, name, getattr(data, name))
        identity.save()
        survivor.version += 1
        if data.date_of_birth is not None:
            survivor.birth_year = data.date_of_birth.year
        survivor.save(update_fields=["version", "birth_year", "updated_at"])
        reindex_survivor(survivor, data)
    events.identity_updated(
        actor=actor,
        survivor=survivor,
        case=case,
        changed_fields=[*changed, "birth_year"] if year_follows else changed,
    )
    if "date_of_birth" in changed:
        _birth_changed(actor=actor, survivor=survivor, case=case, cause="date_of_birth")
    return identity


@transaction.atomic
def identity_reveal(*, actor: User, case: CaseRef, reason: str) -> SurvivorIdentity:
    """Return the decrypted identity, after recording who asked and why.

    The caller holds the case (``case_get_for_user``); the actor needs
    REVEAL_IDENTITY (``Denied``). A reason of a few words is required, else
    nothing is shown or recorded. Writes ``identity.revealed`` with the reason.
    """
    perm_required(actor, Perm.REVEAL_IDENTITY)
    reason = reason.strip()
    if len(reason) < 5:
        errors = Errors()
        errors.add("reason", _("Say why you need to see the identity (at least a few words)."))
        errors.raise_if_any()
    events.identity_revealed(actor=actor, survivor=case.survivor, case=case, reason=reason[:500])
    return SurvivorIdentity.objects.get(survivor_id=case.survivor_id)


@transaction.atomic
def duplicate_check(*, actor: User, identity: IdentityInput) -> list[DuplicateCandidate]:
    """Survivors of the actor's organisation who may be this person; the check is recorded.

    Needs INTAKE (``Denied``). Matching reads the blind index of every
    survivor of the organisation, so each check is logged
    (``survivor.duplicate_check``): who ran it and where, never the values
    looked for.
    """
    membership = perm_required(actor, Perm.INTAKE)
    candidates = possible_duplicates(organisation=membership.organisation, identity=identity)
    events.duplicate_checked(actor=actor, organisation=membership.organisation)
    return candidates


@transaction.atomic
def survivor_owner_change(*, survivor_id: int, organisation: Organisation) -> Survivor:
    """Make ``organisation`` the owner of the survivor's record and of its blind index.

    Locks the survivor, refuses an inactive or unchanged owner
    (``ValidationError``), moves the index terms with the record (duplicate
    checks are per organisation) and bumps the survivor's version. The
    returned survivor was read under the lock: its pseudonym is the one the
    former owner knew. The caller decides that the record may move (a
    transfer, with consent) and writes the audit event.
    """
    survivor = Survivor.objects.select_for_update().get(pk=survivor_id)
    if not organisation.is_active or organisation.pk == survivor.organisation_id:
        errors = Errors()
        errors.add("organisation", _("Choose another active organisation."))
        errors.raise_if_any()
    apply_changes(
        survivor,
        expected_version=survivor.version,
        changes={"organisation_id": organisation.pk},
    )
    survivor.index_terms.update(organisation_id=organisation.pk)
    return survivor
