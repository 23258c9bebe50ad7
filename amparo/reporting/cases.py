"""Counts of an organisation's cases for people who see aggregates only.

Always suppressed (``protect_tables(..., suppress=True)``): a count below
``AMPARO_REPORT_MIN_CELL`` could point at a single survivor, so it shows as
``[c]``, and so does any count that would let it be worked out from the
others (the total of cases by status among them).
"""

from dataclasses import dataclass

from django.db.models import Count, TextChoices
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases.models import Case, Incident
from amparo.cases.vocab import CaseStatus, GbvType
from amparo.core.replica import reading_from_replica
from amparo.reporting.suppression import min_cell
from amparo.reporting.tables import Column, Report, Table, count_table, protect_tables

CASES = "cases"


@dataclass(frozen=True)
class CaseCounts:
    """The home counts as a suppressed ``Report`` (tables ``by_status`` and ``by_gbv_type``)."""

    report: Report
    min_cell: int

    @property
    def by_status(self) -> Table:
        return self.report.table("by_status")

    @property
    def by_gbv_type(self) -> Table:
        return self.report.table("by_gbv_type")


def _rows(counts: dict[str, int], vocab: type[TextChoices]) -> list[tuple[str, str, dict]]:
    return [(value, str(label), {CASES: counts.get(value, 0)}) for value, label in vocab.choices]


@reading_from_replica()
def case_counts(*, user: User) -> CaseCounts:
    """The user's organisation's cases counted by status and by GBVIMS incident type, suppressed.

    Two queries, however many cases. A case counts once under each type
    among its incidents, so the types have no total; the statuses do (each
    case has one), protected with them.
    """
    membership = perm_required(user, Perm.AGGREGATES)
    org_id = membership.organisation_id
    by_status = dict(
        Case.objects.filter(organisation_id=org_id)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_type = dict(
        Incident.objects.filter(case__organisation_id=org_id)
        .values_list("gbv_type")
        .annotate(n=Count("case_id", distinct=True))
        .order_by()
    )
    columns = [Column(CASES, _("Cases"))]
    tables = [
        count_table(
            key="by_status",
            title=_("Cases by status"),
            row_heading=_("Status"),
            columns=columns,
            rows=_rows(by_status, CaseStatus),
            total=("all", _("All cases")),
        ),
        count_table(
            key="by_gbv_type",
            title=_("Cases by incident type (GBVIMS)"),
            row_heading=_("Incident type"),
            columns=columns,
            rows=_rows(by_type, GbvType),
        ),
    ]
    report = Report(
        key="home",
        title=_("Overview of your organisation's cases"),
        tables=protect_tables(tables, suppress=True),
        suppressed=True,
    )
    return CaseCounts(report=report, min_cell=min_cell())
