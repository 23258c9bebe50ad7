"""The accused: recording them, their charges and revealing their identity."""

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.audit import events
from amparo.audit.events import Code
from amparo.cases.vocab import PerpetratorRelation
from amparo.core.age import GbvimsAgeBand
from amparo.core.concurrency import apply_changes, duplicate_refused
from amparo.core.validation import Errors
from amparo.justice import vocab
from amparo.justice.inputs import AccusedInput
from amparo.justice.models import (
    Accused,
    Charge,
    LegalCase,
    Offence,
)
from amparo.justice.services.common import (
    _lock,
    _membership,
)
from amparo.people.vocab import Sex


def _validate_accused(errors: Errors, data: AccusedInput) -> None:
    if not data.pseudonym.strip():
        errors.add("pseudonym", _("Give the accused a pseudonym, e.g. “El Lobo”."))
    errors.choice("sex", data.sex, Sex)
    errors.choice("age_band", data.age_band, GbvimsAgeBand)
    errors.choice("relation_to_victim", data.relation_to_victim, PerpetratorRelation)
    errors.choice("role", data.role, vocab.AccusedRole, blank=True)
    errors.choice("custody_status", data.custody_status, vocab.CustodyStatus)


@transaction.atomic
def accused_add(*, actor: User, legal_case: LegalCase, data: AccusedInput) -> Accused:
    """Add an accused person. Their identity is encrypted; the pseudonym is shown."""
    _membership(actor)
    errors = Errors()
    _validate_accused(errors, data)
    errors.raise_if_any()
    _lock(legal_case)
    accused = Accused.objects.create(
        legal_case=legal_case,
        created_by=actor,
        **{**data.__dict__, "pseudonym": data.pseudonym.strip()},
    )
    events.record(code=Code.ACCUSED_ADDED, actor=actor, obj=accused)
    return accused


@transaction.atomic
def accused_update(
    *, actor: User, accused: Accused, expected_version: int, data: AccusedInput
) -> Accused:
    _membership(actor)
    errors = Errors()
    _validate_accused(errors, data)
    errors.raise_if_any()
    locked = Accused.objects.select_for_update().get(pk=accused.pk)
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes={**data.__dict__, "pseudonym": data.pseudonym.strip()},
    )
    events.record(code=Code.ACCUSED_UPDATED, actor=actor, obj=locked, changed_fields=changed)
    return locked


@transaction.atomic
def charge_add(*, actor: User, accused: Accused, offence_id: int) -> Charge:
    """Charge an accused with an offence from the organisation's country list."""
    membership = _membership(actor)
    _lock(accused.legal_case)
    errors = Errors()
    already = _("This accused is already charged with that offence.")
    if not Offence.objects.filter(pk=offence_id, country=membership.organisation.country).exists():
        errors.add("offence_id", _("Choose an offence from your country's list."))
    elif Charge.objects.filter(accused=accused, offence_id=offence_id).exists():
        errors.add("offence_id", already)
    errors.raise_if_any()
    with duplicate_refused(constraint="uniq_charge_offence", field="offence_id", message=already):
        charge = Charge.objects.create(accused=accused, offence_id=offence_id)
    events.record(code=Code.CHARGE_ADDED, actor=actor, obj=charge)
    return charge


@transaction.atomic
def accused_identity_reveal(*, actor: User, accused: Accused, reason: str) -> dict[str, str]:
    """Return the accused's decrypted identity after recording who asked and why.

    The caller must already hold the legal case (``legal_case_get_for_user``)
    and the REVEAL_IDENTITY permission; a reason of a few words is required.
    """
    if not actor.has_amparo_perm(Perm.REVEAL_IDENTITY):
        raise PermissionError("This user may not see identities.")
    reason = reason.strip()
    if len(reason) < 5:
        errors = Errors()
        errors.add("reason", _("Say why you need to see the identity (at least a few words)."))
        errors.raise_if_any()
    events.accused_revealed(actor=actor, accused=accused, reason=reason[:500])
    return {"full_name": accused.full_name, "identity_notes": accused.identity_notes}
