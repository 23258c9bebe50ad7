"""Legal cases of the test cast placed in two departments, and shortcuts to draft and publish.

The releases tests count legal cases only (complaints, verdicts, convictions):
the differencing check works the same way for every unit of record, and legal
cases are the quickest to lay out by department and date.
"""

import datetime

from amparo.justice.models import Court, LegalCase
from amparo.justice.vocab import OffenceCategory
from amparo.programmes.releases.differencing import CellKey
from amparo.programmes.services import releases as services
from amparo.testing.cast import Cast

YEAR_START = datetime.date(2025, 1, 1)
YEAR_END = datetime.date(2025, 12, 31)
AS_OF = datetime.date(2026, 3, 31)


def legal_cases(
    cast: Cast,
    department: str,
    count: int,
    *,
    complaint_on: datetime.date = datetime.date(2025, 3, 1),
    verdict_on: datetime.date | None = None,
    convicted: bool = False,
) -> list[LegalCase]:
    court = Court.objects.filter(admin1=department).order_by("pk").first()
    return [
        LegalCase.objects.create(
            organisation=cast.lex,
            title="Estado contra X",
            court=court,
            offence_category=OffenceCategory.SEXUAL_VIOLENCE,
            created_by=cast.lawyer,
            complaint_on=complaint_on,
            verdict_on=verdict_on,
            convicted=convicted,
        )
        for _ in range(count)
    ]


def draft(cast: Cast, programme, **overrides):
    args = {
        "actor": cast.analyst,
        "programme_id": programme.pk,
        "title": "Justice figures 2025",
        "period_start": YEAR_START,
        "period_end": YEAR_END,
        "measures": ["complaints"],
        "breakdown": "department",
        "as_of": AS_OF,
        **overrides,
    }
    return services.release_draft(**args)


def publish(cast: Cast, programme, **overrides):
    release = draft(cast, programme, **overrides)
    return services.release_approve(actor=cast.supervisor, release_id=release.pk, as_of=AS_OF)


def shown(release) -> dict[tuple[str, str, str], int | None]:
    """(measure, period, area) → what the release shows: the attacker's whole knowledge."""
    return {(c["measure"], c["period"], c["area"]): c["value"] for c in release.content["cells"]}


def true_values(release) -> dict[CellKey, int]:
    return {(c.measure, c.period_start, c.area): c.value for c in release.cells.all()}
