"""Counts of an organisation's cases for people who see aggregates only.

Small cells are suppressed: a count below ``AMPARO_REPORT_MIN_CELL`` could
point at a single survivor, so it is never shown.
"""

from dataclasses import dataclass

from django.db.models import Count, TextChoices

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases.models import Case, Incident
from amparo.cases.vocab import CaseStatus, GbvType
from amparo.reporting.suppression import Cell, cell, min_cell


@dataclass(frozen=True)
class LabelledCell:
    label: str
    cell: Cell


@dataclass(frozen=True)
class CaseCounts:
    by_status: list[LabelledCell]
    by_gbv_type: list[LabelledCell]
    min_cell: int


def _cells(counts: dict[str, int], vocab: type[TextChoices]) -> list[LabelledCell]:
    return [
        LabelledCell(label=str(label), cell=cell(counts.get(value, 0), suppress=True))
        for value, label in vocab.choices
    ]


def case_counts(*, user: User) -> CaseCounts:
    """The user's organisation's cases counted by status and by GBVIMS incident type.

    A case counts once under each type among its incidents. Every count below
    the minimum cell size is suppressed (``amparo.reporting.suppression``); no total
    is given so suppressed cells cannot be recovered by subtraction.
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
    return CaseCounts(
        by_status=_cells(by_status, CaseStatus),
        by_gbv_type=_cells(by_type, GbvType),
        min_cell=min_cell(),
    )
