"""Closure checks: what higher apps say before a case closes, answered as one."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from amparo.audit.models import AuditEvent
from amparo.cases import extensions
from amparo.cases.extensions import ClosureCheck, closure_check_for
from amparo.cases.services import case_close

DAY = datetime.date(2026, 1, 10)


def _checks(monkeypatch, *answers: ClosureCheck) -> list:
    seen: list = []

    def make(answer: ClosureCheck):
        def check(case):
            seen.append(case.pk)
            return answer

        return check

    monkeypatch.setattr(extensions.closure_checks, "_functions", [make(a) for a in answers])
    return seen


def test_no_checks_means_met(cast, monkeypatch):
    _checks(monkeypatch)
    assert closure_check_for(cast.case) == ClosureCheck(met=True)


def test_met_only_when_every_check_is_met(cast, monkeypatch):
    seen = _checks(
        monkeypatch,
        ClosureCheck(met=True, restored_on=DAY),
        ClosureCheck(met=False, reasons=["Not yet."]),
        ClosureCheck(met=False, reasons=["Nor this."]),
    )
    answer = closure_check_for(cast.case)
    assert answer == ClosureCheck(met=False, reasons=["Not yet.", "Nor this."])
    assert seen == [cast.case.pk] * 3


def test_when_all_are_met_the_latest_day_counts(cast, monkeypatch):
    later = DAY + datetime.timedelta(days=3)
    _checks(
        monkeypatch,
        ClosureCheck(met=True, restored_on=later),
        ClosureCheck(met=True, restored_on=DAY),
    )
    assert closure_check_for(cast.case).restored_on == later


def test_an_unmet_check_stops_a_caseworker_and_names_its_reason(cast, monkeypatch):
    _checks(monkeypatch, ClosureCheck(met=False, reasons=["The plan is open."]))
    with pytest.raises(ValidationError) as exc:
        case_close(
            actor=cast.caseworker,
            case=cast.case,
            expected_version=cast.case.version,
            reason="restored",
            closed_on=cast.case.opened_on,
        )
    assert "The plan is open." in " ".join(exc.value.message_dict["closure_reason"])
    cast.case.refresh_from_db()
    assert cast.case.closed_on is None


def test_with_every_check_met_the_case_closes_without_override(cast, monkeypatch):
    _checks(monkeypatch, ClosureCheck(met=True))
    closed = case_close(
        actor=cast.caseworker,
        case=cast.case,
        expected_version=cast.case.version,
        reason="restored",
        closed_on=cast.case.opened_on,
    )
    assert closed.closed_on == cast.case.opened_on
    assert AuditEvent.objects.filter(code="case.closed", case=closed).exists()
