import pytest

from amparo.cases.models import Case
from amparo.cases.services import case_close, case_update
from amparo.core.concurrency import StaleVersionError
from amparo.people.inputs import SurvivorInput
from amparo.people.services import survivor_update


def test_stale_case_update_is_refused_and_changes_nothing(cast):
    version = cast.case.version
    case_update(
        actor=cast.supervisor,
        case=cast.case,
        expected_version=version,
        risk_level="high",
        status="active",
    )
    with pytest.raises(StaleVersionError):
        case_update(
            actor=cast.caseworker,
            case=cast.case,
            expected_version=version,
            risk_level="low",
            status="follow_up",
        )
    fresh = Case.objects.get(pk=cast.case.pk)
    assert (fresh.risk_level, fresh.status, fresh.version) == ("high", "active", version + 1)


def test_stale_survivor_update_is_refused(cast):
    survivor = cast.case.survivor
    data = SurvivorInput(pseudonym="Colibrí", sex="female", birth_year=survivor.birth_year)
    survivor_update(
        actor=cast.caseworker, case=cast.case, expected_version=survivor.version, data=data
    )
    with pytest.raises(StaleVersionError):
        survivor_update(
            actor=cast.caseworker, case=cast.case, expected_version=survivor.version, data=data
        )


def test_closed_case_is_kept_and_cannot_close_twice(cast):
    from django.core.exceptions import ValidationError

    closed = case_close(
        actor=cast.supervisor,
        case=cast.case,
        expected_version=cast.case.version,
        reason="relocated",
        override_reason="Family moved abroad; no contact possible",
    )
    assert closed.status == "closed" and Case.objects.filter(pk=cast.case.pk).exists()
    with pytest.raises(ValidationError):
        case_close(
            actor=cast.supervisor,
            case=closed,
            expected_version=closed.version,
            reason="relocated",
            override_reason="Closing it a second time",
        )
