"""Records for the exchange tests: trafficking cases built through intake, and files to import."""

import csv
import datetime
import io
from dataclasses import replace

from amparo.accounts.models import User
from amparo.cases.models import Case
from amparo.cases.services import intake_submit
from amparo.people.inputs import IdentityInput
from amparo.testing.factories import intake_input

DAY = datetime.date(2024, 6, 1)


def trafficking_case(
    actor: User,
    *,
    sex: str = "female",
    age: int = 22,
    nationality: str = "GT",
    admin1: str = "Escuintla",
    opened_on: datetime.date = DAY,
    identity: IdentityInput | None = None,
    **incident: object,
) -> Case:
    """A case whose survivor had ``age`` in the incident's year (no identity unless given)."""
    data = intake_input()
    data.opened_on = opened_on
    data.consents = []
    data.identity = identity or IdentityInput()
    data.survivor = replace(
        data.survivor, sex=sex, birth_year=opened_on.year - age, nationality=nationality
    )
    data.incident = replace(
        data.incident, occurred_on=opened_on, admin1=admin1, admin2="", **incident
    )
    return intake_submit(actor=actor, data=data)


def csv_file(rows: list[dict[str, str]]) -> bytes:
    header: list[str] = []
    for row in rows:
        header += [k for k in row if k not in header]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()
