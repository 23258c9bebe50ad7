"""Which legal cases a justice report reads: the filters, the periods, the organisation's cases.

The filters travel in the URL and hold no personal data. ``view`` says what
a period selects: ``cohort`` the legal cases whose complaint was filed in it
("what happened to the complaints of 2024"), ``period`` the events dated in
it ("verdicts this year").
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.core.validation import Errors
from amparo.justice import vocab
from amparo.justice.models import LegalCase
from amparo.reporting.periods import Period, add_months, validate_period

COHORT = "cohort"
PERIOD = "period"
VIEWS = (
    (COHORT, _("Cohort: what happened to the complaints filed in the period")),
    (PERIOD, _("Period: what happened during the period")),
)


@dataclass(frozen=True)
class JusticeFilters:
    """What the user chose; a bound left out means the twelve months up to today."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    view: str = COHORT
    admin1: str = ""
    court_id: int | None = None
    offence_category: str = ""

    def check(self) -> None:
        """Raise ``ValidationError`` per field for a period that cannot be one or an unknown value."""
        validate_period(self.start, self.end)
        errors = Errors()
        if self.view not in dict(VIEWS):
            errors.add("view", str(_("Choose the cohort or the period view.")))
        errors.choice("offence_category", self.offence_category, vocab.OffenceCategory, blank=True)
        errors.raise_if_any()

    def period(self, today: datetime.date) -> Period:
        """The chosen period: to ``end`` (default today), from ``start`` (default 12 months before)."""
        self.check()
        end = self.end or today
        start = self.start or add_months(end, -12) + datetime.timedelta(days=1)
        return Period(start=start, end=end)


def legal_cases_for_report(*, user: User, filters: JusticeFilters) -> QuerySet[LegalCase]:
    """The user's organisation's legal cases in the chosen court, department and offence.

    Not limited by date: each figure selects its own dates. Refuses
    (``Denied``) a user whose role may not see aggregates.
    """
    membership = perm_required(user, Perm.AGGREGATES)
    qs = LegalCase.objects.filter(organisation_id=membership.organisation_id)
    if filters.admin1:
        qs = qs.filter(court__admin1=filters.admin1)
    if filters.court_id:
        qs = qs.filter(court_id=filters.court_id)
    if filters.offence_category:
        qs = qs.filter(offence_category=filters.offence_category)
    return qs.order_by()


def dated(field: str, period: Period) -> Q:
    """``field`` falls in ``period`` (both ends included)."""
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})
