"""Services delivered to a survivor, and counselling sessions."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.aftercare import events, vocab
from amparo.aftercare.inputs import ServiceInput
from amparo.aftercare.models import CounsellingSession, Service
from amparo.aftercare.services.common import past_case_date
from amparo.cases.models import Case
from amparo.core.validation import Errors, Step


def _validate(errors: Errors, data: ServiceInput, case: Case, after: Iterable[Step] = ()) -> None:
    errors.choice("service_type", data.service_type, vocab.ServiceType)
    errors.choice("status", data.status, vocab.ServiceStatus)
    started = past_case_date(errors, "started_on", data.started_on, case, after=after)
    if (
        errors.past_date("ended_on", data.ended_on)
        and started
        and data.ended_on is not None
        and data.ended_on < data.started_on
    ):
        errors.add("ended_on", _("A service cannot end before it started."))
    if (
        data.provider_id is not None
        and not Organisation.objects.filter(pk=data.provider_id, is_active=True).exists()
    ):
        errors.add("provider", _("Choose an active organisation."))


@transaction.atomic
def service_record(
    *, actor: User, case: Case, data: ServiceInput, after: Iterable[Step] = ()
) -> Service:
    """Record a service for the survivor, by the organisation or a named partner.

    Needs EDIT_CASE (``Denied``). Type and status from their vocabularies; the
    service starts in the past, not before the case was opened nor before any
    step in ``after`` (e.g. the referral it answers), and does not end before
    it starts; a partner must be an active organisation. Audited.
    """
    perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    _validate(errors, data, case, after)
    errors.raise_if_any()
    service = Service.objects.create(
        case=case,
        service_type=data.service_type,
        provider_id=data.provider_id or case.organisation_id,
        status=data.status,
        started_on=data.started_on,
        ended_on=data.ended_on,
        notes=data.notes,
        created_by=actor,
    )
    events.service_recorded(actor=actor, service=service)
    return service


@transaction.atomic
def counselling_session_record(
    *, actor: User, case: Case, held_on: datetime.date, notes: str
) -> CounsellingSession:
    """Record a counselling session's notes (encrypted; only those who may open the file read them).

    Needs EDIT_CASE (``Denied``). The session is in the past, not before the
    case was opened; the notes are not blank. Audited.
    """
    perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    past_case_date(errors, "held_on", held_on, case)
    if not notes.strip():
        errors.add("notes", _("Write the session notes."))
    errors.raise_if_any()
    session = CounsellingSession.objects.create(
        case=case, held_on=held_on, counsellor=actor, notes=notes.strip()
    )
    events.counselling_recorded(actor=actor, session=session)
    return session
