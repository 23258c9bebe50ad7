"""The accused: recording them, their charges and revealing their identity."""

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases.vocab import PerpetratorRelation
from amparo.core.age import GbvimsAgeBand
from amparo.core.concurrency import apply_changes, duplicate_refused
from amparo.core.validation import Errors
from amparo.justice import events, vocab
from amparo.justice.inputs import AccusedInput
from amparo.justice.models import (
    Accused,
    Charge,
    LegalCase,
    Offence,
)
from amparo.justice.services.common import _lock
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
    """Add an accused person to an open legal case; audited as ``accused.added``.

    Refuses (``Denied``) a role that may not change legal cases, and (field
    errors) a missing pseudonym, an unknown vocabulary value or a closed legal
    case, which it checks under the legal case's lock. The identity is stored
    encrypted; only the pseudonym is ever shown.
    """
    perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    _validate_accused(errors, data)
    errors.raise_if_any()
    _lock(legal_case)
    accused = Accused.objects.create(
        legal_case=legal_case,
        created_by=actor,
        **{**data.__dict__, "pseudonym": data.pseudonym.strip()},
    )
    events.accused_added(actor=actor, accused=accused)
    return accused


@transaction.atomic
def accused_update(
    *, actor: User, accused: Accused, expected_version: int, data: AccusedInput
) -> Accused:
    """Replace an accused's details with ``data``; audited with the fields that changed.

    Refuses (``Denied``) a role that may not change legal cases, field errors
    as ``accused_add``, and (``StaleVersionError``) a version older than the
    row's, read under its lock.
    """
    perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    _validate_accused(errors, data)
    errors.raise_if_any()
    locked = Accused.objects.select_for_update().get(pk=accused.pk)
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes={**data.__dict__, "pseudonym": data.pseudonym.strip()},
    )
    events.accused_updated(actor=actor, accused=locked, changed_fields=changed)
    return locked


@transaction.atomic
def charge_add(*, actor: User, accused: Accused, offence_id: int) -> Charge:
    """Charge an accused with an offence from the organisation's country list, once.

    Refuses (``Denied``) a role that may not change legal cases; under the
    legal case's lock, a closed legal case, an offence of another country and
    a charge already made (two sent at once: ``ConflictError``). Audited as
    ``charge.added``.
    """
    membership = perm_required(actor, Perm.EDIT_CASE)
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
    events.charge_added(actor=actor, charge=charge)
    return charge


@transaction.atomic
def accused_identity_reveal(*, actor: User, accused: Accused, reason: str) -> dict[str, str]:
    """Return the accused's decrypted identity after recording who asked and why.

    The caller must already hold the legal case (``legal_case_get_for_user``).
    Refuses (``Denied``) a role without ``Perm.REVEAL_IDENTITY`` and (field
    error) a reason shorter than a few words; nothing is shown unless the
    ``accused.revealed`` event, one per victim's case, is written first.
    """
    perm_required(actor, Perm.REVEAL_IDENTITY)
    reason = reason.strip()
    if len(reason) < 5:
        errors = Errors()
        errors.add("reason", _("Say why you need to see the identity (at least a few words)."))
        errors.raise_if_any()
    events.accused_revealed(actor=actor, accused=accused, reason=reason[:500])
    return {"full_name": accused.full_name, "identity_notes": accused.identity_notes}
