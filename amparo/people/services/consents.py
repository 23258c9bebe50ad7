"""A survivor's consents: validated, recorded, withdrawn (never deleted)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.core.concurrency import apply_changes
from amparo.core.validation import Errors, birth_floor
from amparo.people import events, extensions, vocab
from amparo.people.inputs import ConsentInput
from amparo.people.models import ConsentGrant, Survivor
from amparo.people.refs import CaseRef
from amparo.people.vocab import Section


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


def consent_create(
    *, actor: User, survivor: Survivor, data: ConsentInput, case: CaseRef | None = None
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
def consent_grant(*, actor: User, case: CaseRef, data: ConsentInput) -> ConsentGrant:
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
    *, actor: User, case: CaseRef, consent_id: int, expected_version: int
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
