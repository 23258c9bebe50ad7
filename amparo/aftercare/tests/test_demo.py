import random

from amparo.aftercare.demo import seed_restoration
from amparo.aftercare.models import Assessment, RestorationStatus
from amparo.aftercare.tests.conftest import days_ago
from amparo.cases.models import Case


def test_demo_journeys_run_through_the_services(cast):
    Case.objects.filter(pk=cast.case.pk).update(opened_on=days_ago(500))
    cast.case.refresh_from_db()
    assert (
        seed_restoration(
            rng=random.Random(3),
            organisation=cast.lex,
            supervisor=cast.supervisor,
            workers=[cast.caseworker],
            cases=[cast.case],
        )
        == 1
    )
    assert Assessment.objects.filter(case=cast.case).count() == 2
    assert RestorationStatus.objects.get(case=cast.case).assessments == 2
