"""A legal case with one of everything, for the page and API tests."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from amparo.justice.inputs import AccusedInput
from amparo.justice.models import Accused, Charge, Hearing, LegalCase, Offence, StageEvent
from amparo.justice.services import (
    accused_add,
    charge_add,
    hearing_schedule,
    stage_record,
    verdict_record,
)
from amparo.testing.cast import Cast

# Who may open Lex's legal case and change it (holds EDIT_CASE); the admin may only read.
MAY_EDIT_LEGAL_CASE = {"lawyer", "caseworker", "supervisor"}


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


@dataclass
class LegalWorld:
    legal_case: LegalCase
    accused: Accused
    open_charge: Charge  # no verdict yet
    convicted_charge: Charge  # convicted, not yet sentenced
    past_hearing: Hearing  # held yesterday, outcome not yet recorded
    trial_event: StageEvent

    def ids(self) -> dict[str, int]:
        return {
            "pk": self.legal_case.pk,
            "accused_pk": self.accused.pk,
            "charge_pk": self.open_charge.pk,
            "convicted_pk": self.convicted_charge.pk,
            "hearing_pk": self.past_hearing.pk,
            "event_pk": self.trial_event.pk,
        }


def build_world(cast: Cast, legal_case: LegalCase) -> LegalWorld:
    """Complaint 400 days ago, charges 300, trial 100; one conviction 50 days ago."""
    lawyer = cast.lawyer
    stage_record(actor=lawyer, legal_case=legal_case, stage="charges", occurred_on=days_ago(300))
    trial = stage_record(
        actor=lawyer, legal_case=legal_case, stage="trial", occurred_on=days_ago(100)
    )
    accused = accused_add(
        actor=lawyer,
        legal_case=legal_case,
        data=AccusedInput(pseudonym="El Lobo", full_name="Fictional Accused Testname"),
    )
    offences = list(Offence.objects.filter(country="GT")[:2])
    convicted = charge_add(actor=lawyer, accused=accused, offence_id=offences[0].pk)
    open_charge = charge_add(actor=lawyer, accused=accused, offence_id=offences[1].pk)
    verdict_record(actor=lawyer, charge=convicted, verdict="convicted", verdict_on=days_ago(50))
    hearing = hearing_schedule(
        actor=lawyer,
        legal_case=legal_case,
        scheduled_for=timezone.now() - datetime.timedelta(days=1),
        kind="trial",
    )
    legal_case.refresh_from_db()
    return LegalWorld(
        legal_case=legal_case,
        accused=accused,
        open_charge=open_charge,
        convicted_charge=convicted,
        past_hearing=hearing,
        trial_event=trial,
    )
