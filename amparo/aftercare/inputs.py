import datetime
from dataclasses import dataclass, field


@dataclass
class GoalInput:
    domain: str
    description: str
    target_on: datetime.date
    status: str = "not_started"


@dataclass
class ServiceInput:
    service_type: str
    status: str
    started_on: datetime.date
    provider_id: int | None = None  # None: the case's own organisation
    ended_on: datetime.date | None = None
    notes: str = ""


@dataclass
class FamilyAssessmentInput:
    assessed_on: datetime.date
    household_safety: str
    recommendation: str
    protective_factors: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    notes: str = ""


@dataclass
class FollowUpInput:
    done_on: datetime.date
    method: str
    risks: list[str] = field(default_factory=list)
    notes: str = ""
