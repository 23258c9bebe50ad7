"""Typed inputs for network services, filled by forms and serializers alike."""

import datetime
from dataclasses import dataclass, field


@dataclass
class AgreementInput:
    partner_id: int | None
    approved_by: str
    effective_from: datetime.date | None
    effective_until: datetime.date | None = None
    reference: str = ""


@dataclass
class ReferralInput:
    to_org_id: int | None
    services: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    urgency: str = "routine"
    message: str = ""
    triage_note: str = ""


@dataclass
class TransferInput:
    to_org_id: int | None
    message: str = ""
    # Sections the survivor agreed the sender may keep reading after the transfer.
    keep_sections: list[str] = field(default_factory=list)
