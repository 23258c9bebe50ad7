import datetime

import pytest
from django.utils import timezone

from amparo.aftercare.selectors import active_instrument
from amparo.cases.models import Case


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def all_scores(case: Case, score: int) -> dict[str, int]:
    instrument = active_instrument(organisation_id=case.organisation_id)
    return {
        item.code: score
        for domain in instrument.domains.prefetch_related("items")
        for item in domain.items.all()
    }


@pytest.fixture
def old_case(cast):
    """Lex's case, opened two years ago so that a restoration history fits."""
    Case.objects.filter(pk=cast.case.pk).update(opened_on=days_ago(800))
    cast.case.refresh_from_db()
    return cast.case
