"""Attacks on the guarantee: an attacker holds every published cell and does the arithmetic.

Each test publishes what the services let through, then works, from the
*shown* cells only, the differences an attacker would (total minus the other
departments, a year minus its months, version 2 minus version 1, verdicts
minus convictions), with the true counts behind the shown cells (the worst
case: as if rounding were undone). No group of fewer than k records may come out.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from amparo.programmes.models import Release
from amparo.programmes.services import releases as services
from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.releases_world import AS_OF, draft, legal_cases, publish, shown
from amparo.programmes.vocab import ReleaseStatus

pytestmark = pytest.mark.django_db
K = 11


def _true_if_shown(release) -> dict[tuple[str, str, str], int]:
    """The true count of each cell the release shows (hidden cells are not known)."""
    published = shown(release)
    parts = {p["start"]: p["key"] for p in release.content["periods"]}
    found = {}
    for cell in release.cells.all():
        key = (cell.measure, parts[cell.period_start.isoformat()], cell.area)
        if published[key] is not None:
            found[key] = cell.value
    return found


def _no_small_group(value: int | None) -> None:
    assert value is None or value == 0 or value >= K, value


def test_a_single_release_never_gives_a_department_away_as_total_minus_the_others(cast):
    records = programme_records(cast)
    legal_cases(cast, "Guatemala", 30)
    legal_cases(cast, "Quetzaltenango", 4)
    release = publish(cast, records.lex_programme)
    known = _true_if_shown(release)
    total = known.get(("complaints", "2025", ""))
    others = known.get(("complaints", "2025", "Guatemala"))
    assert ("complaints", "2025", "Quetzaltenango") not in known
    if total is not None and others is not None:
        _no_small_group(total - others)
    assert total is None or others is None


def test_overlapping_periods_never_tell_apart_a_small_group(cast):
    records = programme_records(cast)
    programme = records.lex_programme
    legal_cases(cast, "Guatemala", 30, complaint_on=datetime.date(2025, 3, 1))
    legal_cases(cast, "Guatemala", 4, complaint_on=datetime.date(2025, 12, 10))
    year = publish(cast, programme, breakdown="none")
    most = publish(
        cast,
        programme,
        breakdown="none",
        title="To November",
        period_end=datetime.date(2025, 11, 30),
    )
    whole = _true_if_shown(year).get(("complaints", "2025", ""))
    part = next(iter(_true_if_shown(most).values()), None)
    assert whole == 34  # the first release showed its total
    if part is not None:
        _no_small_group(whole - part)
    assert part is None  # January to November would give December's 4 away


def test_all_departments_minus_one_department_across_releases(cast):
    records = programme_records(cast)
    programme = records.lex_programme
    legal_cases(cast, "Guatemala", 30)
    legal_cases(cast, "Quetzaltenango", 4)
    totals = publish(cast, programme, breakdown="none")
    departments = publish(cast, programme, title="By department")
    total = _true_if_shown(totals)[("complaints", "2025", "")]
    known = _true_if_shown(departments)
    guatemala = known.get(("complaints", "2025", "Guatemala"))
    if guatemala is not None:
        _no_small_group(total - guatemala)
    assert guatemala is None
    assert departments.content["guarantee"]["checked_against"] == [1]


def test_version_two_minus_version_one_gives_no_late_records_away(cast):
    records = programme_records(cast)
    programme = records.lex_programme
    legal_cases(cast, "Guatemala", 30)
    first = publish(cast, programme, breakdown="none")
    legal_cases(cast, "Guatemala", 3)  # entered late, dated in the period
    correction = services.release_correct(
        actor=cast.analyst, release_id=first.pk, change_note="Three late complaints.", as_of=AS_OF
    )
    second = services.release_approve(actor=cast.supervisor, release_id=correction.pk, as_of=AS_OF)
    assert second.version == 2
    v1 = _true_if_shown(first)[("complaints", "2025", "")]
    v2 = _true_if_shown(second).get(("complaints", "2025", ""))
    if v2 is not None:
        _no_small_group(v2 - v1)
    assert v2 is None


def test_verdicts_minus_convictions_never_shows_a_few_acquittals(cast):
    records = programme_records(cast)
    verdict_on = datetime.date(2025, 6, 1)
    legal_cases(cast, "Guatemala", 20, verdict_on=verdict_on, convicted=True)
    legal_cases(cast, "Guatemala", 3, verdict_on=verdict_on)
    release = publish(cast, records.lex_programme, measures=["verdicts", "convictions"])
    known = _true_if_shown(release)
    for area in ("", "Guatemala"):
        verdicts = known.get(("verdicts", "2025", area))
        convictions = known.get(("convictions", "2025", area))
        if verdicts is not None and convictions is not None:
            _no_small_group(verdicts - convictions)
        assert verdicts is None or convictions is None
    rates = {(r["area"]): r for r in release.content["rates"]}
    assert rates[""]["hidden"] and rates[""]["value"] is None


def test_approval_runs_the_check_again_against_what_was_published_since(cast):
    records = programme_records(cast)
    programme = records.lex_programme
    legal_cases(cast, "Guatemala", 30, complaint_on=datetime.date(2025, 3, 1))
    legal_cases(cast, "Guatemala", 4, complaint_on=datetime.date(2025, 12, 10))
    year = draft(cast, programme, breakdown="none", title="The year")
    assert year.checks == []
    # Meanwhile January to November is published: 30, safe on its own.
    publish(
        cast,
        programme,
        breakdown="none",
        title="To November",
        period_end=datetime.date(2025, 11, 30),
    )
    with pytest.raises(ValidationError) as refused:
        services.release_approve(actor=cast.supervisor, release_id=year.pk, as_of=AS_OF)
    message = " ".join(refused.value.messages)
    assert "Complaints filed, 2025, all departments" in message
    assert "with version 1 it would show a group of 4" in message
    year.refresh_from_db()
    assert year.status == ReleaseStatus.DRAFT and year.version is None
    rebuilt = services.release_rebuild(actor=cast.analyst, release_id=year.pk, as_of=AS_OF)
    assert shown(rebuilt)[("complaints", "2025", "")] is None  # now hidden: safe to approve
    assert rebuilt.checks == []
    services.release_approve(actor=cast.supervisor, release_id=rebuilt.pk, as_of=AS_OF)
    assert Release.objects.filter(status=ReleaseStatus.PUBLISHED).count() == 2
