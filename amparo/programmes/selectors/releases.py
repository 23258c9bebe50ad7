"""Reading a programme's releases: drafts for those who make them, published ones for readers.

Every read starts from ``selectors.access``: a programme the user may not
see is ``NotFound``. Drafts (and discarded drafts) are seen only by the
owner organisation's members with ``Perm.PROGRAMMES`` or
``Perm.APPROVE_RELEASES``; a partner sees the published releases only, and a
draft's address answers it ``NotFound`` as any other unknown release does.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from amparo.accounts.access import any_perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.core.exceptions import Denied, NotFound
from amparo.programmes.measures import MEASURES
from amparo.programmes.models import PrivacyBudgetEntry, Programme, Release
from amparo.programmes.releases.differencing import CellKey, Counted
from amparo.programmes.selectors.access import programme_get_for_user
from amparo.programmes.vocab import ReleaseStatus


def may_draft(*, user: User, programme: Programme) -> bool:
    """Whether ``user`` sees the programme's drafts: its own organisation's release makers."""
    try:
        membership = any_perm_required(user, Perm.PROGRAMMES, Perm.APPROVE_RELEASES)
    except Denied:
        return False
    return membership.organisation_id == programme.organisation_id


def releases_for_user(*, user: User, programme: Programme) -> QuerySet[Release]:
    """The releases of ``programme`` that ``user`` may see, newest first."""
    releases = programme.releases.select_related("drafted_by", "approved_by", "supersedes")
    if not may_draft(user=user, programme=programme):
        releases = releases.filter(status=ReleaseStatus.PUBLISHED)
    return releases.order_by("-version", "-id")


def release_get_for_user(*, user: User, release_id: int) -> Release:
    """A release ``user`` may see, or ``NotFound`` (a draft to a partner too)."""
    programme_id = Release.objects.filter(pk=release_id).values_list("programme_id", flat=True)
    found = programme_id.first()
    if found is None:
        raise NotFound
    programme = programme_get_for_user(user=user, programme_id=found)
    release = releases_for_user(user=user, programme=programme).filter(pk=release_id).first()
    if release is None:
        raise NotFound
    release.programme = programme
    return release


@dataclass(frozen=True)
class Ledger:
    """The programme's privacy budget: what it holds, what published releases spent."""

    budget: Decimal
    spent: Decimal
    entries: list[PrivacyBudgetEntry]

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.spent


def budget_spent(*, programme: Programme) -> Decimal:
    """ε spent so far by the programme's published releases."""
    total = programme.ledger.aggregate(total=Sum("epsilon"))["total"]
    # SQLite sums decimals as floats: back to the ledger's three places.
    return Decimal(total or 0).quantize(Decimal("0.001"))


def budget_ledger(*, programme: Programme) -> Ledger:
    """The programme's budget and every ε its published releases spent, oldest first."""
    entries = list(programme.ledger.select_related("release").order_by("spent_at", "id"))
    spent = sum((e.epsilon for e in entries), Decimal("0.000"))
    return Ledger(budget=programme.privacy_budget, spent=spent, entries=entries)


def published_versions(*, programme: Programme) -> list[int]:
    """The versions of the programme's published releases, in order."""
    published = programme.releases.filter(status=ReleaseStatus.PUBLISHED)
    return sorted(v for v in published.values_list("version", flat=True) if v is not None)


def published_counted(*, programme: Programme) -> list[Counted]:
    """Every cell of the programme's published releases, with its members, for the check."""
    cells = []
    published = programme.releases.filter(status=ReleaseStatus.PUBLISHED)
    for release in published.prefetch_related("cells"):
        version = release.version or 0  # never 0: a published release has its version
        for cell in release.cells.all():
            key = CellKey(version, cell.measure, cell.period_start, cell.period_end, cell.area)
            unit = MEASURES[cell.measure].unit
            cells.append(Counted(key, unit, frozenset(cell.members), cell.published is not None))
    return cells


def draft_counted(*, release: Release) -> list[Counted]:
    """A draft's own cells as the check reads them (``version`` 0), hidden ones not shown."""
    return [
        Counted(
            CellKey(0, cell.measure, cell.period_start, cell.period_end, cell.area),
            MEASURES[cell.measure].unit,
            frozenset(cell.members),
            cell.published is not None,
        )
        for cell in release.cells.all()
    ]
