import datetime

import pytest
from django.utils import timezone

from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import Court
from amparo.justice.services import legal_case_open
from amparo.justice.tests.world import build_world


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def legal_case(cast):
    """Lex's legal case about ``cast.case``, with ``cast.lawyer`` on it."""
    return legal_case_open(
        actor=cast.supervisor,
        data=LegalCaseInput(
            title="Escuintla bar case",
            court_id=Court.objects.filter(admin1="Escuintla").first().pk,
            offence_category="trafficking",
            reference="EXP-TEST-0001",
            complaint_on=days_ago(400),
            victim_case_ids=[cast.case.pk],
            lawyer_ids=[cast.lawyer.pk],
        ),
    )


@pytest.fixture
def world(cast, legal_case):
    return build_world(cast, legal_case)


from amparo.testing.browser import SHOTS  # noqa: E402, F401
