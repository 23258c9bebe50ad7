import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from amparo.aftercare.services.assessments import assessment_record
from amparo.aftercare.tests.conftest import all_scores, days_ago
from amparo.reporting.restoration import restoration_indicators


def test_restoration_rate_time_and_domain_change(cast, old_case):
    assessment_record(
        actor=cast.caseworker,
        case=old_case,
        assessed_on=days_ago(790),
        scores=all_scores(old_case, 2),
    )
    assessment_record(
        actor=cast.caseworker,
        case=old_case,
        assessed_on=days_ago(600),
        scores=all_scores(old_case, 3),
    )
    assessment_record(
        actor=cast.caseworker,
        case=old_case,
        assessed_on=days_ago(400),
        scores=all_scores(old_case, 3),
    )
    result = restoration_indicators(user=cast.analyst, suppress=False)
    assert (result.assessed.value, result.restored.value, result.restoration_rate) == (1, 1, 1.0)
    assert result.median_days_to_restoration == 400
    safety = next(c for c in result.domain_changes if c.domain == "safety")
    assert (safety.first_mean, safety.latest_mean, safety.change) == (2.0, 3.0, 1.0)
    hidden = restoration_indicators(user=cast.analyst, suppress=True)
    assert (
        hidden.assessed.suppressed
        and hidden.restoration_rate is None
        and hidden.time_to_restoration.steps == []
    )
    assert all(c.first_mean is None for c in hidden.domain_changes)
    with override_settings(AMPARO_REPORT_MIN_CELL=1):
        assert restoration_indicators(user=cast.analyst, suppress=True).restoration_rate == 1.0


def test_only_aggregate_roles(cast):
    for user in (cast.caseworker, cast.outsider):
        with pytest.raises(PermissionDenied):
            restoration_indicators(user=user, suppress=False)
