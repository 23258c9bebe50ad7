"""Closures that never need the restoration rule: the survivor chose to end services,
died, or the record is a duplicate. Not an override, on the page and in the API."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from amparo.audit.models import AuditEvent
from amparo.cases import vocab
from amparo.cases.models import Case
from amparo.cases.services import case_close
from amparo.testing.api import api_client

WITHOUT_RESTORATION = ["withdrew", "deceased", "duplicate"]


def codes(case: Case) -> list[str]:
    return list(
        AuditEvent.objects.filter(
            case=case, code__in=["case.closed", "case.closure_override"]
        ).values_list("code", flat=True)
    )


def test_the_reasons_without_restoration_are_one_vocabulary():
    assert {
        vocab.ClosureReason.SURVIVOR_WITHDREW,
        vocab.ClosureReason.DECEASED,
        vocab.ClosureReason.DUPLICATE,
    } == vocab.REASONS_WITHOUT_RESTORATION
    assert not vocab.closure_needs_restoration("withdrew")
    assert vocab.closure_needs_restoration("restored")
    assert vocab.closure_needs_restoration("referred")


@pytest.mark.parametrize("reason", WITHOUT_RESTORATION)
@pytest.mark.parametrize("who", ["caseworker", "supervisor"])
def test_closing_for_a_reason_without_restoration_is_not_an_override(cast, reason, who):
    # Lex's case has no assessment: the closure rule is not met.
    closed = case_close(
        actor=cast.user(who), case=cast.case, expected_version=cast.case.version, reason=reason
    )
    assert (closed.status, closed.closure_reason) == ("closed", reason)
    assert codes(cast.case) == ["case.closed"]


def test_an_override_reason_given_anyway_is_not_recorded(cast):
    case_close(
        actor=cast.supervisor,
        case=cast.case,
        expected_version=cast.case.version,
        reason="withdrew",
        override_reason="She asked us to stop",
    )
    (event,) = AuditEvent.objects.filter(case=cast.case, code="case.closed")
    assert event.reason == ""
    assert codes(cast.case) == ["case.closed"]


@pytest.mark.parametrize("reason", ["restored", "relocated", "referred", "other"])
def test_other_reasons_still_need_the_rule_or_a_supervisor(cast, reason):
    with pytest.raises(ValidationError) as refused:
        case_close(
            actor=cast.caseworker,
            case=cast.case,
            expected_version=cast.case.version,
            reason=reason,
        )
    assert "Only a supervisor" in refused.value.message_dict["closure_reason"][0]
    with pytest.raises(ValidationError) as unexplained:
        case_close(
            actor=cast.supervisor,
            case=cast.case,
            expected_version=cast.case.version,
            reason=reason,
        )
    assert "override_reason" in unexplained.value.message_dict
    assert codes(cast.case) == []


def test_the_close_page_lists_the_reasons_that_need_no_rule(cast, client):
    client.force_login(cast.caseworker)
    page = client.get(reverse("case_close", kwargs={"pk": cast.case.pk})).content.decode()
    assert "These closures never need the rule, and are not overrides:" in page
    for label in ("Survivor chose to end services", "Survivor deceased", "Duplicate record"):
        assert f"<li>{label}</li>" in page


@pytest.mark.parametrize("who", ["caseworker", "supervisor"])
def test_on_the_page_a_withdrawal_closes_without_override(cast, client, who):
    client.force_login(cast.user(who))
    url = reverse("case_close", kwargs={"pk": cast.case.pk})
    data = {"version": cast.case.version, "reason": "withdrew", "closed_on": cast.case.opened_on}
    confirm = client.post(url, data).content.decode()
    assert "This closure does not need the closure rule." in confirm
    assert "overriding" not in confirm
    assert client.post(url, {**data, "confirmed": "yes"}).status_code == 302
    cast.case.refresh_from_db()
    assert (cast.case.status, cast.case.closure_reason) == ("closed", "withdrew")
    assert codes(cast.case) == ["case.closed"]


def test_on_the_page_a_caseworker_still_cannot_close_as_restored(cast, client):
    client.force_login(cast.caseworker)
    url = reverse("case_close", kwargs={"pk": cast.case.pk})
    data = {"version": cast.case.version, "reason": "restored", "closed_on": cast.case.opened_on}
    response = client.post(url, {**data, "confirmed": "yes"})
    assert "Only a supervisor can close this case." in response.content.decode()
    assert codes(cast.case) == []


@pytest.mark.parametrize("reason", WITHOUT_RESTORATION)
@pytest.mark.parametrize("who", ["caseworker", "supervisor"])
def test_through_the_api_a_reason_without_restoration_closes_without_override(cast, reason, who):
    response = api_client(cast.user(who)).post(
        f"/api/v1/cases/{cast.case.pk}/close/", {"reason": reason, "version": 1}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert codes(cast.case) == ["case.closed"]


def test_through_the_api_a_caseworker_still_cannot_close_as_restored(cast):
    response = api_client(cast.caseworker).post(
        f"/api/v1/cases/{cast.case.pk}/close/", {"reason": "restored", "version": 1}, format="json"
    )
    assert response.status_code == 400 and "reason" in response.json()
    assert codes(cast.case) == []
