"""Shared by the legal-case services: locks, stage sync, people checks."""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, User
from amparo.cases.selectors import visible_cases
from amparo.core.concurrency import duplicate_refused
from amparo.core.validation import Errors, birth_floor
from amparo.justice import events, vocab
from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import (
    Charge,
    LegalCase,
    StageEvent,
)
from amparo.justice.selectors import lawyers_of


def _current_stages(legal_case: LegalCase) -> dict[str, datetime.date]:
    return dict(
        StageEvent.objects.filter(legal_case=legal_case, superseded_at__isnull=True).values_list(
            "stage", "occurred_on"
        )
    )


def _sync(legal_case: LegalCase) -> None:
    """Copy current stage dates and the conviction flag onto the legal case row."""
    current = _current_stages(legal_case)
    fields: dict[str, datetime.date | bool | None] = {
        LegalCase.stage_column(s): current.get(s) for s in vocab.STAGE_ORDER
    }
    fields["convicted"] = Charge.objects.filter(
        accused__legal_case=legal_case, verdict=vocab.Verdict.CONVICTED
    ).exists()
    LegalCase.objects.filter(pk=legal_case.pk).update(**fields)
    for name, value in fields.items():
        setattr(legal_case, name, value)


def _lock(legal_case: LegalCase) -> LegalCase:
    """The legal case re-read under its row lock; a closed one takes no more writes."""
    locked = LegalCase.objects.select_for_update().get(pk=legal_case.pk)
    if locked.status == vocab.LegalCaseStatus.CLOSED:
        errors = Errors()
        errors.add("status", _("This legal case is closed."))
        errors.raise_if_any()
    return locked


def _validate_people(
    errors: Errors, data: LegalCaseInput, *, actor: User, membership: Membership
) -> None:
    visible = set(
        visible_cases(user=actor).filter(pk__in=data.victim_case_ids).values_list("pk", flat=True)
    )
    if set(data.victim_case_ids) - visible:
        errors.add(
            "victim_case_ids", _("Choose survivors' cases of your organisation that you can open.")
        )
    lawyers = set(
        lawyers_of(organisation_id=membership.organisation_id)
        .filter(user_id__in=data.lawyer_ids)
        .values_list("user_id", flat=True)
    )
    if set(data.lawyer_ids) - lawyers:
        errors.add("lawyer_ids", _("Choose lawyers or supervisors of your organisation."))


def _victims_born(years: Iterable[int | None]) -> datetime.date | None:
    """The latest ``birth_floor`` of the victims: no stage is dated before any was born."""
    floors = [birth_floor(birth_year=year) for year in years]
    return max((day for day in floors if day is not None), default=None)


def _legal_case_born(legal_case: LegalCase) -> datetime.date | None:
    return _victims_born(legal_case.victims.values_list("survivor__birth_year", flat=True))


def _stage_create(
    *, actor: User, legal_case: LegalCase, stage: str, occurred_on: datetime.date, note: str = ""
) -> StageEvent:
    with duplicate_refused(
        constraint="uniq_current_stage",
        field="stage",
        message=_("This stage is already recorded; correct its date instead."),
    ):
        event = StageEvent.objects.create(
            legal_case=legal_case,
            stage=stage,
            occurred_on=occurred_on,
            note=note,
            recorded_by=actor,
        )
    _sync(legal_case)
    events.stage_recorded(actor=actor, stage_event=event)
    return event
