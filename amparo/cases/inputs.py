import datetime
from dataclasses import dataclass, field

from amparo.people.inputs import ConsentInput, IdentityInput, SurvivorInput


@dataclass
class IncidentInput:
    occurred_on: datetime.date
    admin1: str
    admin2: str = ""
    country: str = "GT"
    date_is_estimated: bool = False
    q_penetration: bool = False
    q_sexual_contact: bool = False
    q_physical: bool = False
    q_forced_marriage: bool = False
    q_denial: bool = False
    q_psychological: bool = False
    money_or_goods_exchanged: bool = False
    abduction_status: str = "none"
    contexts: list[str] = field(default_factory=list)
    exploitation_types: list[str] = field(default_factory=list)
    means_of_control: list[str] = field(default_factory=list)
    labour_types: list[str] = field(default_factory=list)
    sexual_exploitation_types: list[str] = field(default_factory=list)
    recruiter_relation: str = ""
    recruitment_methods: list[str] = field(default_factory=list)
    trafficking_status: str = ""
    trafficking_status_decided_by: str = ""
    perpetrator_count: int = 1
    perpetrator_sex: str = "unknown"
    perpetrator_age_band: str = "unknown"
    perpetrator_relation: str = "unknown"
    perpetrator_roles: list[str] = field(default_factory=list)
    reported_to_police: bool = False
    police_reported_on: datetime.date | None = None
    # None: first reported when the case was opened.
    reported_on: datetime.date | None = None
    description: str = ""


@dataclass
class IntakeInput:
    origin: str
    opened_on: datetime.date
    survivor: SurvivorInput
    identity: IdentityInput
    incident: IncidentInput
    consents: list[ConsentInput] = field(default_factory=list)
    risk_level: str = "medium"
    case_code: str = ""
    rescue_operation_id: int | None = None
    first_note: str = ""
