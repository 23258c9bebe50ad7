import datetime
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class LegalCaseInput:
    title: str
    court_id: int
    offence_category: str
    reference: str = ""
    complaint_on: datetime.date | None = None
    victim_case_ids: list[int] = field(default_factory=list)
    lawyer_ids: list[int] = field(default_factory=list)


@dataclass
class AccusedInput:
    pseudonym: str
    full_name: str = ""
    identity_notes: str = ""
    sex: str = "unknown"
    age_band: str = "unknown"
    relation_to_victim: str = "unknown"
    role: str = ""
    custody_status: str = "unknown"


@dataclass
class SentenceInput:
    sentenced_on: datetime.date
    custody_months: int | None = None
    fine_amount: Decimal | None = None
    reparation_ordered: bool = False
    reparation_amount: Decimal | None = None


@dataclass
class HearingOutcomeInput:
    outcome: str
    postponement_reason: str = ""
    survivor_testified: bool = False
    testimony_setting: str = ""
    accompanied_by: str = ""
    notes: str = ""


@dataclass
class HearingPostponementInput:
    postponement_reason: str
    scheduled_for: datetime.datetime
