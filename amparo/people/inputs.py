"""Typed inputs for people services, filled by forms and serializers alike."""

import datetime
from dataclasses import dataclass, field


@dataclass
class SurvivorInput:
    pseudonym: str
    sex: str
    birth_year: int | None = None
    nationality: str = ""
    languages: list[str] = field(default_factory=list)
    disability: str = "unknown"
    displacement: str = "unknown"


@dataclass
class IdentityInput:
    given_names: str = ""
    family_names: str = ""
    other_names: str = ""
    date_of_birth: datetime.date | None = None
    phone: str = ""
    address: str = ""
    national_id: str = ""
    narrative: str = ""

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass
class ConsentInput:
    scope: str
    given_by: str
    given_on: datetime.date
    valid_until: datetime.date | None = None
    recipient_id: int | None = None
    sections: list[str] = field(default_factory=list)
