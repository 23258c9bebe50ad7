"""Writes to survivor records. Each writes its audit event in the same transaction."""

import datetime

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.cases.models import Case, Incident
from amparo.core.concurrency import apply_changes
from amparo.core.validation import Errors, birth_floor
from amparo.people import events, extensions, vocab
from amparo.people.indexing import reindex_survivor
from amparo.people.inputs import ConsentInput, IdentityInput, SurvivorInput
from amparo.people.models import ConsentGrant, FamilyMember, Survivor, SurvivorIdentity
from amparo.people.selectors import DuplicateCandidate, possible_duplicates
from amparo.people.vocab import Section

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


def validate_consent(
    errors: Errors,
    data: ConsentInput,
    *,
    organisation: Organisation,
    prefix: str = "",
    born: datetime.date | None = None,
    recorded_on: datetime.date | None = None,
) -> None:
    """Add to ``errors`` what is wrong with a consent; writes nothing.

    A consent is given in the past (not before ``born``, the survivor's
    ``birth_floor``) and not already expired on ``recorded_on`` (today, unless
    the demo seeder replays a fictional past: its historical consents meet the
    same rule on the day they were recorded); only a consent to share names an
    active organisation other than ``organisation`` and the parts of the file
    it covers.
    """
    errors.choice(prefix + "scope", data.scope, vocab.ConsentScope)
    errors.choice(prefix + "given_by", data.given_by, vocab.ConsentGiver)
    given = errors.past_date(prefix + "given_on", data.given_on, born=born)
    if data.valid_until is not None and data.valid_until < (recorded_on or timezone.localdate()):
        errors.add(
            prefix + "valid_until",
            _("This consent has already expired: its end date is in the past."),
        )
    elif (
        data.valid_until is not None
        and data.given_on
        and given
        and data.valid_until < data.given_on
    ):
        errors.add(prefix + "valid_until", _("A consent cannot end before it was given."))
    else:
        errors.valid_until(prefix + "valid_until", data.valid_until)
    if data.scope == vocab.ConsentScope.SHARE_WITH_ORG:
        if data.recipient_id is None:
            errors.add(
                prefix + "recipient", _("Name the organisation the survivor agreed to share with.")
            )
        elif (
            data.recipient_id == organisation.pk
            or not Organisation.objects.filter(pk=data.recipient_id, is_active=True).exists()
        ):
            errors.add(prefix + "recipient", _("Choose another active organisation."))
        if not data.sections:
            errors.add(
                prefix + "sections",
                _("Choose which parts of the file the survivor agreed to share."),
            )
        errors.choices(prefix + "sections", data.sections, Section)
    else:
        if data.recipient_id is not None:
            errors.add(prefix + "recipient", _("Only a consent to share names an organisation."))
        if data.sections:
            errors.add(prefix + "sections", _("Only a consent to share covers parts of the file."))


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
                Incident.objects.filter(case__survivor=survivor).aggregate(d=Min("occurred_on"))[
                    "d"
                ],
                Case.objects.filter(survivor=survivor).aggregate(d=Min("opened_on"))["d"],
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
    first. Writes ``survivor.registered``.
    """
    record = Survivor.objects.create(
        organisation=organisation,
        pseudonym=survivor.pseudonym.strip(),
        sex=survivor.sex,
        birth_year=_birth_year(survivor, identity),
        nationality=survivor.nationality,
        languages=sorted(set(survivor.languages)),
        disability=survivor.disability,
        displacement=survivor.displacement,
        created_by=actor,
    )
    SurvivorIdentity.objects.create(survivor=record, **identity.__dict__)
    reindex_survivor(record, identity)
    events.survivor_registered(actor=actor, survivor=record)
    return record


def consent_create(
    *, actor: User, survivor: Survivor, data: ConsentInput, case: Case | None = None
) -> ConsentGrant:
    """Record a validated consent of ``survivor``, from ``case`` when given.

    For services that have checked the actor's permission and validated the
    consent (``consent_grant``, ``intake_submit``). Writes ``consent.granted``.
    """
    grant = ConsentGrant.objects.create(
        survivor=survivor,
        scope=data.scope,
        recipient_id=data.recipient_id,
        sections=sorted(set(data.sections)),
        given_by=data.given_by,
        given_on=data.given_on,
        valid_until=data.valid_until,
        recorded_by=actor,
    )
    events.consent_granted(actor=actor, grant=grant, survivor=survivor, case=case)
    return grant


@transaction.atomic
def consent_grant(*, actor: User, case: Case, data: ConsentInput) -> ConsentGrant:
    """Record a consent of the case's survivor.

    Needs EDIT_CASE (``Denied``). Refuses an expired or malformed grant
    (``validate_consent``), writing nothing; writes ``consent.granted``.
    """
    perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    validate_consent(
        errors,
        data,
        organisation=case.organisation,
        born=birth_floor(birth_year=case.survivor.birth_year),
    )
    errors.raise_if_any()
    return consent_create(actor=actor, survivor=case.survivor, data=data, case=case)


@transaction.atomic
def consent_withdraw(
    *, actor: User, case: Case, consent_id: int, expected_version: int
) -> ConsentGrant:
    """Mark a consent of the case's survivor withdrawn now; the grant is kept as history.

    Needs EDIT_CASE (``Denied``). The grant is locked; one already withdrawn
    or a stale version is refused. Writes ``consent.withdrawn``, and what
    builds on the consent ends in the same transaction.
    """
    perm_required(actor, Perm.EDIT_CASE)
    grant = ConsentGrant.objects.select_for_update().get(
        pk=consent_id, survivor_id=case.survivor_id
    )
    if grant.withdrawn_at is not None:
        errors = Errors()
        errors.add("consent", _("This consent was already withdrawn."))
        errors.raise_if_any()
    apply_changes(
        grant, expected_version=expected_version, changes={"withdrawn_at": timezone.now()}
    )
    events.consent_withdrawn(actor=actor, grant=grant, case=case)
    for hook in extensions.consent_withdrawn:
        hook(actor=actor, grant=grant)
    return grant


@transaction.atomic
def survivor_update(
    *, actor: User, case: Case, expected_version: int, data: SurvivorInput
) -> Survivor:
    """Update the survivor's non-identifying attributes.

    Needs EDIT_CASE (``Denied``). Refuses invalid attributes, a birth year
    after a date already on the file, and a stale version; the survivor is
    locked. Writes ``survivor.updated`` naming the changed fields.
    """
    perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    validate_survivor(errors, data)
    errors.raise_if_any()
    survivor = Survivor.objects.select_for_update().get(pk=case.survivor_id)
    if data.birth_year != survivor.birth_year:
        _not_born_after_records(
            errors, "birth_year", birth_floor(birth_year=data.birth_year), survivor=survivor
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
    return survivor


@transaction.atomic
def identity_update(
    *, actor: User, case: Case, expected_version: int, data: IdentityInput
) -> SurvivorIdentity:
    """Replace the encrypted identity and its blind index.

    Needs REVEAL_IDENTITY (``Denied``): changing it means seeing it. The
    survivor is locked and its version guards the identity; a date of birth
    after a date already on the file is refused. Writes ``identity.updated``
    naming the changed fields, never their values.
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
    if changed:
        for name in changed:
            setattr(identity, name, getattr(data, name))
        identity.save()
        survivor.version += 1
        survivor.save(update_fields=["version", "updated_at"])
        reindex_survivor(survivor, data)
    events.identity_updated(actor=actor, survivor=survivor, case=case, changed_fields=changed)
    return identity


@transaction.atomic
def identity_reveal(*, actor: User, case: Case, reason: str) -> SurvivorIdentity:
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
    case: Case,
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


# Ownership: a survivor's record moves with their case to another organisation.


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
