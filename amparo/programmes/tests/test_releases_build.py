"""A draft's figures: cells by department, suppression of small ones, rounding, rates."""

import pytest

from amparo.programmes.models import ReleaseCell
from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.releases_world import (
    draft,
    legal_cases,
    shown,
)

pytestmark = pytest.mark.django_db


def test_a_draft_shows_large_departments_hides_small_ones_and_the_complement(cast):
    records = programme_records(cast)
    legal_cases(cast, "Guatemala", 30)
    legal_cases(cast, "Quetzaltenango", 4)
    release = draft(cast, records.lex_programme)
    cells = shown(release)
    assert cells[("complaints", "2025", "Quetzaltenango")] is None
    # The total minus Guatemala would give Quetzaltenango's 4 away: one of them is hidden too.
    assert (
        cells[("complaints", "2025", "")] is None
        or cells[("complaints", "2025", "Guatemala")] is None
    )
    assert ReleaseCell.objects.filter(release=release).count() == 3
    assert release.content["guarantee"]["min_cell"] == 11
    assert release.checks == []
