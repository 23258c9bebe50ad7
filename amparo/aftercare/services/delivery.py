"""Services delivered to a survivor, and counselling sessions."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.aftercare import vocab
from amparo.aftercare.inputs import ServiceInput
from amparo.aftercare.models import CounsellingSession, Service
from amparo.aftercare.services.common import past_case_date, require
from amparo.audit import events
from amparo.audit.events import Code
from amparo.cases.models import Case
from amparo.core.concurrency import apply_changes
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
    """Record a service for the survivor, by the organisation or a named partner."""
    require(actor, Perm.EDIT_CASE)
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
    events.record(code=Code.SERVICE_RECORDED, actor=actor, obj=service, case=case)
    return service


@transaction.atomic
def service_update(
    *, actor: User, service: Service, expected_version: int, data: ServiceInput
) -> Service:
    require(actor, Perm.EDIT_CASE)
    errors = Errors()
    _validate(errors, data, service.case)
    errors.raise_if_any()
    locked = Service.objects.select_for_update().get(pk=service.pk)
    changes = {**data.__dict__}
    changes["provider_id"] = changes.pop("provider_id") or service.case.organisation_id
    changed = apply_changes(locked, expected_version=expected_version, changes=changes)
    events.record(
        code=Code.SERVICE_UPDATED, actor=actor, obj=locked, case=locked.case, changed_fields=changed
    )
    return locked


@transaction.atomic
def counselling_session_record(
    *, actor: User, case: Case, held_on: datetime.date, notes: str
) -> CounsellingSession:
    """Session notes are encrypted; only people who may open the file read them."""
    require(actor, Perm.EDIT_CASE)
    errors = Errors()
    past_case_date(errors, "held_on", held_on, case)
    if not notes.strip():
        errors.add("notes", _("Write the session notes."))
    errors.raise_if_any()
    session = CounsellingSession.objects.create(
        case=case, held_on=held_on, counsellor=actor, notes=notes.strip()
    )
    events.record(code=Code.COUNSELLING_RECORDED, actor=actor, obj=session, case=case)
    return session
